import Core

/// One trial outcome to commit to the journal.
public enum JournalEntry: Hashable, Sendable {
    /// The trial returned a result on attempt `attempts`.
    case done(trialID: String, result: TrialResult, attempts: Int, worker: String?)
    /// Every attempt failed; `message` is the last error.
    case failed(trialID: String, message: String, attempts: Int, worker: String?)

    /// The trial this entry records.
    public var trialID: String {
        switch self {
        case let .done(trialID, _, _, _), let .failed(trialID, _, _, _): trialID
        }
    }
}
