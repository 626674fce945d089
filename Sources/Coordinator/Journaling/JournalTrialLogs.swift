/// A trial's outcome and the logs its attempts left, as `mirrorsweep logs` shows them.
public struct JournalTrialLogs: Hashable, Sendable {
    /// The trial's full id.
    public var trialID: String
    /// `pending`, `done` or `failed`.
    public var state: String
    /// The attempts recorded with its outcome; 0 while pending.
    public var attempts: Int
    /// The last error message of a failed trial.
    public var error: String?
    /// Whether the trial runs a command (only command trials leave logs).
    public var isCommand: Bool
    /// The logs of its attempts, oldest first.
    public var logs: [JournalAttemptLog]

    /// Creates a trial's logs.
    public init(trialID: String, state: String, attempts: Int, error: String?, isCommand: Bool, logs: [JournalAttemptLog]) {
        self.trialID = trialID
        self.state = state
        self.attempts = attempts
        self.error = error
        self.isCommand = isCommand
        self.logs = logs
    }
}
