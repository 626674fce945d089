import Journaling
import Scheduling

extension JournalEntry {
    /// The entry a scheduler's persist directive asks for; nil for any other directive.
    public init?(_ directive: SchedulerDirective) {
        switch directive {
        case let .persistResult(trialID, attempt, result, worker, failedAttempts):
            self = .done(
                trialID: trialID.rawValue, result: result, attempts: attempt, worker: worker.rawValue,
                logs: failedAttempts.map(JournalAttemptLog.init))
        case let .persistFailure(trialID, attempts, message, failedAttempts):
            self = .failed(
                trialID: trialID.rawValue, message: message, attempts: attempts, worker: nil,
                logs: failedAttempts.map(JournalAttemptLog.init))
        default:
            return nil
        }
    }
}

extension JournalAttemptLog {
    /// The log of a failed attempt the scheduler kept.
    init(_ attempt: FailedAttempt) {
        self.init(attempt: attempt.attempt, failure: attempt.message, text: attempt.log)
    }
}
