import Scheduling
import ZeroMQ

/// How the coordinator serves a sweep.
public struct CoordinatorOptions: Sendable {
    /// Where the ROUTER socket binds, e.g. `tcp://127.0.0.1:*` or `tcp://*:5555`.
    public var bind: String
    /// Heartbeats, leases and attempts.
    public var scheduler: SchedulerConfiguration
    /// Longest time a result waits for its journal commit, in seconds.
    public var commitInterval: Double
    /// Most results committed in one transaction.
    public var maxBatch: Int
    /// Seconds between progress reports.
    public var progressInterval: Double
    /// Names this coordinator's run in `welcome` messages.
    public var runID: String
    /// With keys, workers must be CURVE clients whose public key is allowed; traffic is encrypted.
    public var curve: CurveServerKeys?

    public init(
        bind: String, scheduler: SchedulerConfiguration = .init(), commitInterval: Double = 0.005,
        maxBatch: Int = 2000, progressInterval: Double = 0.5, runID: String,
        curve: CurveServerKeys? = nil
    ) {
        self.bind = bind
        self.scheduler = scheduler
        self.commitInterval = commitInterval
        self.maxBatch = maxBatch
        self.progressInterval = progressInterval
        self.runID = runID
        self.curve = curve
    }
}
