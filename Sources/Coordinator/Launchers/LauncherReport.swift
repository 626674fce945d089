/// How a ``WorkerLauncher``'s workers stand, for the progress line and the coordinator.
public struct LauncherReport: Hashable, Sendable {
    /// A short description for the progress line (e.g. `slurm: 2 running, 1 resubmitted`).
    public var status: String?
    /// Why the launcher starts no more workers (every slot given up), nil while it keeps trying.
    public var gaveUp: String?
    /// An error that must stop the sweep (e.g. local workers that crash as soon as they start).
    public var fatal: LauncherError?

    public init(status: String? = nil, gaveUp: String? = nil, fatal: LauncherError? = nil) {
        self.status = status
        self.gaveUp = gaveUp
        self.fatal = fatal
    }
}
