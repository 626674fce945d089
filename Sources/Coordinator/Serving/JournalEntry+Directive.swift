import Journaling
import Scheduling

extension JournalEntry {
    /// The entry a scheduler's persist directive asks for; nil for any other directive.
    public init?(_ directive: SchedulerDirective) {
        switch directive {
        case let .persistResult(trialID, attempt, result, worker):
            self = .done(trialID: trialID.rawValue, result: result, attempts: attempt, worker: worker.rawValue)
        case let .persistFailure(trialID, attempts, message):
            self = .failed(trialID: trialID.rawValue, message: message, attempts: attempts, worker: nil)
        default:
            return nil
        }
    }
}
