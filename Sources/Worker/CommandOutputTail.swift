import Processes

/// The end of a command trial's output: its last lines, both streams in arrival order, each
/// marked `[stdout] ` or `[stderr] `, at most ``limit`` bytes (64 KiB); and separately the last
/// lines of standard error, at most ``errorLimit`` bytes (2 KiB), for the failure message.
struct CommandOutputTail {
    /// The most bytes the combined tail keeps.
    static let limit = 64 * 1024
    /// The most bytes the standard error tail keeps.
    static let errorLimit = 2 * 1024

    private var lines = TailBuffer(limit: limit)
    private var errors = TailBuffer(limit: errorLimit)

    mutating func append(_ stream: StandardStream, _ line: String) {
        lines.append("[\(stream.rawValue)] \(line)")
        if stream == .error { errors.append(line) }
    }

    /// The combined tail, one line each; nil when the program printed nothing.
    var log: String? { lines.text }

    /// The standard error tail, one line each; nil when there was none.
    var errorTail: String? { errors.text }
}

/// The last lines appended, whole, up to `limit` bytes (a longer single line keeps its end).
struct TailBuffer {
    let limit: Int
    private var lines: [String] = []
    private var first = 0
    private var bytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ line: String) {
        var line = line
        if line.utf8.count > limit { line = String(decoding: line.utf8.suffix(limit - 1), as: UTF8.self) }
        lines.append(line)
        bytes += line.utf8.count + 1
        while bytes > limit {
            bytes -= lines[first].utf8.count + 1
            first += 1
        }
        if first > 1024 && first * 2 > lines.count {
            lines.removeFirst(first)
            first = 0
        }
    }

    var text: String? {
        first < lines.count ? lines[first...].joined(separator: "\n") : nil
    }
}
