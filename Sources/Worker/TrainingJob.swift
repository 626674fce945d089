import Core

/// A trial the coordinator assigned to this worker, as it is handed to a training thread.
public struct TrainingJob: Hashable, Sendable {
    /// The trial's id, echoed in its reports.
    public var trialID: String
    /// Which attempt of the trial this is (1 the first time).
    public var attempt: Int
    /// The trial's seed.
    public var seed: UInt64
    /// What the trial runs.
    public var work: TrialWork
    /// Trials with the same key train together (``TrialBatch``); nil trains alone.
    public var batchKey: TrialBatchKey?

    /// A job for `attempt` of the trial; a core trial's batch key is derived from its configuration and `seed`.
    public init(trialID: String, attempt: Int, seed: UInt64, work: TrialWork) {
        self.trialID = trialID
        self.attempt = attempt
        self.seed = seed
        self.work = work
        batchKey = work.coreConfig.flatMap { TrialBatch.key(config: $0, seed: seed) }
    }
}
