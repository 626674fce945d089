import ZeroMQ

/// How a worker connects and how much work it takes.
public struct WorkerOptions: Sendable {
    /// The coordinator's endpoint, e.g. `tcp://host:5555`.
    public var endpoint: String
    /// Trials trained at once (one thread each); with ``gpus``, one per listed device.
    public var slots: Int
    /// The worker's name in the coordinator's logs and journal.
    public var workerID: String
    /// Seconds between reconnection attempts at first; doubles up to `maxReconnectDelay`.
    public var reconnectDelay: Double
    /// The longest wait between reconnection attempts, in seconds.
    public var maxReconnectDelay: Double
    /// Exit when the process that started this worker is gone (set for local workers).
    public var exitWithParent: Bool
    /// Seconds between progress reports of a running trial.
    public var progressInterval: Double
    /// The most queued trials that share their data a thread trains together; 1 trains each alone.
    public var maxTrialsPerBatch: Int
    /// With keys, the worker connects as a CURVE client: authenticated and encrypted.
    public var curve: CurveClientKeys?
    /// GPU device ids, one slot each: a command trial on slot `i` runs with
    /// `CUDA_VISIBLE_DEVICES=gpus[i]`; nil leaves `CUDA_VISIBLE_DEVICES` as the worker has it.
    public var gpus: [String]?
    /// Seconds a command trial's process group has between SIGTERM and SIGKILL when it is ended.
    public var killGrace: Double
    /// The directory under which command trials get their per-attempt directories (default `$TMPDIR`, else `/tmp`).
    public var scratchRoot: String?

    /// Options for a worker; with `gpus`, ``slots`` is their count and `slots` is ignored.
    public init(
        endpoint: String, slots: Int = 1, workerID: String,
        reconnectDelay: Double = 0.1, maxReconnectDelay: Double = 5, exitWithParent: Bool = false,
        progressInterval: Double = 1, maxTrialsPerBatch: Int = 16, curve: CurveClientKeys? = nil,
        gpus: [String]? = nil, killGrace: Double = 5, scratchRoot: String? = nil
    ) {
        self.endpoint = endpoint
        self.slots = gpus?.count ?? slots
        self.workerID = workerID
        self.reconnectDelay = reconnectDelay
        self.maxReconnectDelay = maxReconnectDelay
        self.exitWithParent = exitWithParent
        self.progressInterval = progressInterval
        self.maxTrialsPerBatch = maxTrialsPerBatch
        self.curve = curve
        self.gpus = gpus
        self.killGrace = killGrace
        self.scratchRoot = scratchRoot
    }
}
