import Core

/// One trial outcome to commit to the journal.
public enum JournalEntry: Hashable, Sendable {
    /// The trial returned a result on attempt `attempts`; the result's `log` is that attempt's
    /// log, and `logs` those of earlier attempts that failed.
    case done(trialID: String, result: TrialResult, attempts: Int, worker: String?, logs: [JournalAttemptLog] = [])
    /// Every attempt failed; `message` is the last error, `logs` the logs the attempts left.
    case failed(trialID: String, message: String, attempts: Int, worker: String?, logs: [JournalAttemptLog] = [])

    /// The trial this entry records.
    public var trialID: String {
        switch self {
        case let .done(trialID, _, _, _, _), let .failed(trialID, _, _, _, _): trialID
        }
    }
}
