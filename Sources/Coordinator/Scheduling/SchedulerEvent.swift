import Core
import SweepSpecs

/// Something that happened, as the shell reports it to the ``Scheduler``.
public enum SchedulerEvent: Hashable, Sendable {
    /// A worker connected and can run `slots` trials at once. A known worker joining again is
    /// treated as restarted: its running trials go back to the queue.
    case workerJoined(worker: WorkerID, slots: Int)
    /// A worker asks for `credit` more trials, on top of the credit it already holds; its running
    /// trials plus credit are capped at ``SchedulerConfiguration/maxCreditPerWorker``. A result
    /// does not renew credit: a worker that wants more asks again.
    case workRequested(worker: WorkerID, credit: Int)
    /// A worker's heartbeat. Every event naming a worker counts as a sign of life.
    case heartbeat(worker: WorkerID)
    /// A worker's list of the trials it holds (queued, running, or with an unacknowledged
    /// report). A trial the scheduler assigned to it at least ``SchedulerConfiguration/deadAfter``
    /// seconds ago and missing from the list was lost on the way: it goes back to the queue, and
    /// the worker gets back the credit it spent on it. Also a sign of life.
    case holding(worker: WorkerID, trialIDs: Set<TrialID>)
    /// A worker returned the result of `attempt` of a trial.
    case resultArrived(worker: WorkerID, trialID: TrialID, attempt: Int, result: TrialResult)
    /// A worker could not run `attempt` of a trial; `log` is the end of a command's output.
    case failureArrived(worker: WorkerID, trialID: TrialID, attempt: Int, message: String, log: String? = nil)
    /// A worker said goodbye; its running trials go back to the queue.
    case workerLeft(worker: WorkerID)
    /// The journal committed the outcome of these trials.
    case recorded(trialIDs: [TrialID])
    /// Time passed: deadlines are checked and heartbeats are due only on this event.
    case tick
}
