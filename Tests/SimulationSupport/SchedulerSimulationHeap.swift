/// A min-heap of timed simulation events; ties keep insertion order.
struct SchedulerSimulationHeap<Payload> {
    private var items: [(time: Double, sequence: Int, payload: Payload)] = []
    private var sequence = 0

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ payload: Payload, at time: Double) {
        items.append((time, sequence, payload))
        sequence += 1
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (time: Double, payload: Payload)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count && precedes(left, smallest) { smallest = left }
            if right < items.count && precedes(right, smallest) { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return (top.time, top.payload)
    }

    private func precedes(_ i: Int, _ j: Int) -> Bool {
        (items[i].time, items[i].sequence) < (items[j].time, items[j].sequence)
    }
}
