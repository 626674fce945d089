import SweepSpecs

/// Where a trial is in the scheduler.
enum SchedulerTrialPhase: Hashable, Sendable {
    /// In the queue, waiting for a worker.
    case pending
    /// Running under its current lease on a live worker.
    case leased(Lease)
    /// Outcome sent to the journal; waiting for the commit.
    case persisting
    /// Committed.
    case recorded
}

/// The scheduler's bookkeeping for one trial.
struct SchedulerTrial: Sendable {
    var spec: TrialSpec
    var phase: SchedulerTrialPhase
    /// The index in `Scheduler.batchQueues` of the trials it can train with (``TrialBatch``);
    /// nil when it trains alone.
    var batchQueue: Int?
    /// Attempts made by earlier coordinators (a failed trial returned to pending), which the
    /// numbering of this one's attempts continues.
    var priorAttempts = 0
    /// Every lease given, oldest first; `leases[k].attempt == priorAttempts + k + 1`.
    var leases: [Lease] = []
    /// Failures reported by the workers of its current leases.
    var failures = 0
    /// Leases lost because their worker died or left.
    var lostLeases = 0
    /// Workers to acknowledge once the journal confirms the commit.
    var awaitingAcknowledgement: [WorkerID] = []

    /// The trial's identity.
    var id: TrialID { spec.trialID }

    /// The number of the latest attempt, `priorAttempts` before the first assignment.
    var attempt: Int { priorAttempts + leases.count }

    /// Whether `lease` is one this trial was actually given.
    func wasLeased(_ lease: Lease) -> Bool {
        let position = lease.attempt - priorAttempts - 1
        return position >= 0 && position < leases.count && leases[position] == lease
    }
}
