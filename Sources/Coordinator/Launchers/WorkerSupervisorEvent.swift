/// What a launcher tells its ``WorkerSupervisor``. Times are monotonic seconds.
public enum WorkerSupervisorEvent: Hashable, Sendable {
    /// The slot's worker was started (a process spawned, a job submitted, an ssh session opened).
    case started(slot: Int, at: Double)
    /// Starting the slot's worker failed at once; `reason` says why (e.g. sbatch's message).
    case startFailed(slot: Int, at: Double, reason: String)
    /// The slot's worker ended; `reason` says how (e.g. `killed by signal 9`, a job's state).
    case ended(slot: Int, at: Double, reason: String)
    /// The slot's worker was ended from outside (SIGKILL, a cancelled or preempted job): it is
    /// replaced like an ended worker but never counts as a quick failure.
    case killed(slot: Int, at: Double, reason: String)
    /// Time passed; `trialsRemain` tells whether the sweep still needs workers.
    case tick(at: Double, trialsRemain: Bool)
}
