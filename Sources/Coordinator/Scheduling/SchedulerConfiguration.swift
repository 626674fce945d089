import Core

/// The scheduler's timing and retry limits.
public struct SchedulerConfiguration: Hashable, Sendable {
    /// Seconds between heartbeats sent to each worker.
    public var heartbeatInterval: Double
    /// Heartbeat intervals of silence after which a worker is declared dead.
    public var heartbeatLiveness: Int
    /// Failures reported by workers before a trial is recorded as failed.
    public var maxAttempts: Int
    /// Leases lost to dead or departed workers before a trial is recorded as failed, so that a
    /// trial that kills every worker running it cannot loop forever.
    public var maxLostLeases: Int
    /// The most trials a worker may hold at once, running plus credit not yet used (at least its slots).
    public var maxCreditPerWorker: Int
    /// The most trials that share their data (``TrialBatchKey``) handed to one worker in a row,
    /// for it to train together; 1 turns batching off.
    public var maxTrialsPerBatch: Int
    /// Fail fast: the sweep stops (``SchedulerDirective/failFast(message:attempts:)``) once this
    /// many failed attempts, of at least two trials, arrived before any result and all carry the
    /// same message; nil turns it off.
    public var failFastAfter: Int?

    /// The fail-fast threshold of `run` and `serve` unless `--no-fail-fast` is given.
    public static let defaultFailFastAfter = 5

    /// Creates a configuration; the defaults suit a local or cluster sweep. Fail fast is off
    /// unless `failFastAfter` is given.
    public init(
        heartbeatInterval: Double = 1, heartbeatLiveness: Int = 5, maxAttempts: Int = 3,
        maxLostLeases: Int = 10, maxCreditPerWorker: Int = 64, maxTrialsPerBatch: Int = 16, failFastAfter: Int? = nil
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.heartbeatLiveness = heartbeatLiveness
        self.maxAttempts = maxAttempts
        self.maxLostLeases = maxLostLeases
        self.maxCreditPerWorker = maxCreditPerWorker
        self.maxTrialsPerBatch = maxTrialsPerBatch
        self.failFastAfter = failFastAfter
    }

    /// Seconds of silence after which a worker is dead: `heartbeatInterval × heartbeatLiveness`.
    public var deadAfter: Double { heartbeatInterval * Double(heartbeatLiveness) }
}
