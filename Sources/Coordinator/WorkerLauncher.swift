/// Starts `mirrorsweep work` processes for a sweep (on this machine, through Slurm, over SSH) and
/// stops them when the sweep ends.
public protocol WorkerLauncher: AnyObject {
    /// Starts the workers. Each runs `mirrorsweep work --connect endpoint` followed by
    /// `workerArguments` (log level, CURVE keys, …).
    func start(endpoint: String, workerArguments: [String]) throws(CoordinatorError)

    /// A short description of the workers' state for the progress line (e.g. Slurm job states),
    /// or nil when there is nothing to add.
    func statusLine() -> String?

    /// Stops every worker still running, after up to `grace` seconds for them to exit on their own.
    func stop(grace: Double)
}
