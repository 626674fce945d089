import SweepSpecs

/// What a simulated sweep did.
public struct SchedulerSimulationReport: Sendable {
    /// When the scheduler reported every trial recorded.
    public var finishedAt: Double?
    /// How many times the scheduler reported it.
    public var finishedCount = 0
    /// How many times each trial was committed to the simulated journal.
    public var commits: [String: Int] = [:]
    /// The outcome the simulated journal holds for each trial.
    public var journal: [String: TrialOutcome] = [:]
    /// Every failure message a worker sent, per trial.
    public var failureMessages: [String: Set<String>] = [:]
    /// Broken invariants, described.
    public var violations: [String] = []
    /// Simulation events processed.
    public var events = 0
    /// Worker processes that died.
    public var crashes = 0
    /// Workers that hung and returned.
    public var pauses = 0
    /// Reports delivered twice.
    public var duplicates = 0
    /// Messages lost.
    public var drops = 0
    /// Messages that arrived out of order.
    public var reorders = 0
    /// Trial attempts that failed on their worker.
    public var failures = 0
    /// Coordinator restarts.
    public var restarts = 0
    /// Results the scheduler sent to the journal that a coordinator restart lost before the commit.
    public var uncommittedLost = 0
    /// Messages from routes that had not said hello to the current coordinator.
    public var strayMessages = 0
    /// Results accepted from a superseded lease.
    public var staleResultsAccepted = 0
    /// Workers asked to stop.
    public var stops = 0
    /// Worker processes launched.
    public var launches = 0
    /// Worker sessions opened.
    public var sessions = 0
    /// The most workers that ran one trial at the same time.
    public var maxConcurrentRuns = 0

    /// One line of figures for the test output.
    public func summary(_ settings: SchedulerSimulationSettings) -> String {
        let end = finishedAt.map { "\(Int($0.rounded())) s" } ?? "never"
        return "seed \(settings.seed): \(settings.workers) workers, \(settings.trials) trials, finished at \(end), "
            + "\(events) events; faults: \(crashes) crashes, \(pauses) hangs, \(restarts) coordinator restarts, "
            + "\(drops) dropped, \(duplicates) duplicated, \(reorders) reordered, \(failures) failed attempts; "
            + "\(uncommittedLost) uncommitted results lost, \(staleResultsAccepted) results accepted from superseded leases, "
            + "\(stops) stopped, \(sessions) worker sessions, at most \(maxConcurrentRuns) concurrent runs of a trial"
    }
}
