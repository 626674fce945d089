import Core

/// One trial outcome to commit to the journal.
public enum JournalEntry: Hashable, Sendable {
    /// The trial returned a result on attempt `attempts`.
    case done(trialID: String, result: TrialResult, attempts: Int, worker: String?)
    /// Every attempt failed; `message` is the last error.
    case failed(trialID: String, message: String, attempts: Int, worker: String?)

    /// The entry a scheduler's persist directive asks for; nil for any other directive.
    public init?(_ directive: SchedulerDirective) {
        switch directive {
        case let .persistResult(trialID, attempt, result, worker):
            self = .done(trialID: trialID, result: result, attempts: attempt, worker: worker.rawValue)
        case let .persistFailure(trialID, attempts, message):
            self = .failed(trialID: trialID, message: message, attempts: attempts, worker: nil)
        default:
            return nil
        }
    }

    /// The trial this entry records.
    public var trialID: String {
        switch self {
        case let .done(trialID, _, _, _), let .failed(trialID, _, _, _): trialID
        }
    }
}
