/// An attempt of a trial that failed and left a log, kept until the trial's outcome is persisted.
public struct FailedAttempt: Hashable, Sendable {
    /// The attempt, from 1.
    public var attempt: Int
    /// The worker's error message.
    public var message: String
    /// The end of the attempt's standard output and error.
    public var log: String

    /// Creates a failed attempt.
    public init(attempt: Int, message: String, log: String) {
        self.attempt = attempt
        self.message = message
        self.log = log
    }
}
