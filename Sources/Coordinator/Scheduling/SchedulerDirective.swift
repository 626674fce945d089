import Core
import Logging
import SweepSpecs

/// Something the shell must do on behalf of the ``Scheduler``.
public enum SchedulerDirective: Hashable, Sendable {
    /// Send this trial to the worker, as this attempt.
    case assign(worker: WorkerID, trial: TrialSpec, attempt: Int)
    /// Commit this result to the journal, with the logs of the trial's earlier failed attempts,
    /// then report ``SchedulerEvent/recorded(trialIDs:)``.
    case persistResult(trialID: TrialID, attempt: Int, result: TrialResult, worker: WorkerID, failedAttempts: [FailedAttempt] = [])
    /// Commit this trial as failed after `attempts` attempts, with the logs its attempts left,
    /// then report ``SchedulerEvent/recorded(trialIDs:)``.
    case persistFailure(trialID: TrialID, attempts: Int, message: String, failedAttempts: [FailedAttempt] = [])
    /// Tell the worker its report of the trial is settled, so it stops resending it.
    case acknowledge(worker: WorkerID, trialID: TrialID)
    /// Send the worker a heartbeat.
    case sendHeartbeat(worker: WorkerID)
    /// Tell the worker to exit: no work remains for it, or it is unknown to the scheduler.
    case shutdown(worker: WorkerID, reason: String)
    /// Drop everything the shell keeps about the worker: it left or was declared dead.
    case forget(worker: WorkerID)
    /// Stop the sweep early: its first `attempts` failed attempts, before any result, all failed
    /// with `message` (``SchedulerConfiguration/failFastAfter``). The trials those attempts
    /// belong to are sent to the journal as failed before it; nothing more is assigned. Sent once.
    case failFast(message: String, attempts: Int)
    /// Every trial is recorded; sent once.
    case finished
    /// Something worth a log line.
    case log(level: Logger.Level, message: String)
}
