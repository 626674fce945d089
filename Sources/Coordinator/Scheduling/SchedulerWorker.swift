/// The scheduler's bookkeeping for one live worker.
struct SchedulerWorker: Sendable {
    /// Trials the worker says it runs at once.
    var slots: Int
    /// Assignments the worker asked for and has not yet received.
    var credit = 0
    /// Trials the worker holds, with the attempt it holds.
    var running: [TrialHandle: Int] = [:]
    /// When each trial in `running` was assigned.
    var assignedAt: [TrialHandle: Double] = [:]
    /// When the worker was last heard from.
    var lastSeen: Double
    /// When the scheduler last sent it a heartbeat.
    var lastHeartbeatSent: Double
    /// Whether the worker was told to shut down.
    var shutdownSent = false
    /// Whether the worker sits in the queue of workers waiting for trials.
    var isQueued = false
}
