/// Starts `mirrorsweep work` processes for a sweep (on this machine, through Slurm, over SSH),
/// keeps them running while trials remain, and stops them when the sweep ends.
public protocol WorkerLauncher: AnyObject {
    /// Starts the workers. Each runs `mirrorsweep work --connect endpoint` followed by
    /// `workerArguments` (log level, CURVE keys, …).
    func start(endpoint: String, workerArguments: [String]) throws(LauncherError)

    /// Checks on the workers and replaces those that ended while `trialsRemain` (see
    /// ``WorkerSupervisor``). Called on the coordinator's thread about every progress interval;
    /// `now` is monotonic seconds.
    func supervise(now: Double, trialsRemain: Bool) -> LauncherReport

    /// Stops every worker still running, after up to `grace` seconds for them to exit on their own.
    func stop(grace: Double)
}
