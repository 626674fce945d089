/// Cuts a stream of bytes into lines: at `\n` (a `\r` before it is dropped), and a line longer
/// than `maxLength` bytes into pieces of that length. Invalid UTF-8 is repaired.
struct LineSplitter {
    let maxLength: Int
    private var pending: [UInt8] = []

    init(maxLength: Int) {
        self.maxLength = max(1, maxLength)
    }

    /// The lines `bytes` completes, in order.
    mutating func append(_ bytes: UnsafeRawBufferPointer, _ emit: (String) -> Void) {
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
            pending.append(contentsOf: bytes[start..<i])
            flush(emit)
            start = i + 1
        }
        pending.append(contentsOf: bytes[start..<bytes.endIndex])
        while pending.count > maxLength {
            emit(String(decoding: pending[..<maxLength], as: UTF8.self))
            pending.removeFirst(maxLength)
        }
    }

    /// The last line, when the stream ended without a newline.
    mutating func finish(_ emit: (String) -> Void) {
        if !pending.isEmpty { flush(emit) }
    }

    private mutating func flush(_ emit: (String) -> Void) {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        var start = 0
        while pending.count - start > maxLength {
            emit(String(decoding: pending[start..<start + maxLength], as: UTF8.self))
            start += maxLength
        }
        emit(String(decoding: pending[start...], as: UTF8.self))
        pending.removeAll(keepingCapacity: true)
    }
}
