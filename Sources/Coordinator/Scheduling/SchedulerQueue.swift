/// A first-in first-out queue with amortized O(1) push and pop.
struct SchedulerQueue<Element: Sendable>: Sendable {
    private var storage: [Element] = []
    private var head = 0

    init(_ elements: [Element] = []) {
        storage = elements
    }

    var isEmpty: Bool { head == storage.count }

    var first: Element? { isEmpty ? nil : storage[head] }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = storage[head]
        head += 1
        if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }
}
