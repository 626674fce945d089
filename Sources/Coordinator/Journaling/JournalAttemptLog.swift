/// The log an attempt of a command trial left: the end of its standard output and error.
public struct JournalAttemptLog: Hashable, Sendable {
    /// The attempt, from 1.
    public var attempt: Int
    /// The attempt's error message; nil when it returned a result.
    public var failure: String?
    /// The end of the attempt's standard output and error, as the worker kept it.
    public var text: String

    /// The most bytes of a log the journal stores; a longer log keeps its end.
    public static let maxBytes = 1 << 20

    /// Creates an attempt's log.
    public init(attempt: Int, failure: String?, text: String) {
        self.attempt = attempt
        self.failure = failure
        self.text = text
    }

    /// `text` cut to its last ``maxBytes`` bytes, starting at a whole UTF-8 character.
    var clippedText: String {
        let utf8 = text.utf8
        guard utf8.count > Self.maxBytes else { return text }
        var start = utf8.index(utf8.endIndex, offsetBy: -Self.maxBytes)
        while start < utf8.endIndex, UTF8.isContinuation(utf8[start]) { start = utf8.index(after: start) }
        return String(decoding: utf8[start...], as: UTF8.self)
    }
}
