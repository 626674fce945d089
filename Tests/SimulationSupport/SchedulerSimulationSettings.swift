import Coordinator
import Core

/// The knobs of a simulated sweep. Rates are chances per worker per second, or per message
/// for the network faults.
struct SchedulerSimulationSettings {
    var seed: UInt64
    var trials: Int
    var workers: Int
    var slots = 2
    var trialSeconds: ClosedRange<Double> = 0.5...4
    var networkDelay: ClosedRange<Double> = 0.001...0.05
    var crashRate = 0.0
    /// Chance per worker per second that it hangs for `pauseSeconds` and then returns.
    var pauseRate = 0.0
    var pauseSeconds: ClosedRange<Double> = 2...9
    /// Chance that a worker's report is delivered twice.
    var duplicateRate = 0.0
    /// Chance that a message the protocol retries or recovers (hello, welcome, heartbeat, holding
    /// list, assignment, report, acknowledgement) is lost.
    var dropRate = 0.0
    /// Chance that a message ignores the order of its link and arrives after its own delay.
    var reorderRate = 0.0
    /// Chance that an attempt of a trial fails on its worker.
    var failRate = 0.0
    /// Every `poisonEvery`-th trial fails on every worker; 0 for none.
    var poisonEvery = 0
    /// How many times the coordinator restarts from the journal, at most.
    var restarts = 0
    /// Seconds between coordinator restarts.
    var restartGap: ClosedRange<Double> = 3...10
    /// Seconds the coordinator is down when it restarts.
    var restartDowntime: ClosedRange<Double> = 0.2...2
    var restartDelay = 1.0
    var commitInterval = 0.005
    var tickInterval = 0.25
    var timeLimit = 3_600.0
    var configuration = SchedulerConfiguration()

    /// The run a seed stands for: seed 1 is a large sweep (2,000 workers, 5,000 trials), every
    /// multiple of 50 a larger one (2,000 workers, 20,000 trials), the others smaller ones sized
    /// by the seed. Every fault is on.
    static func scenario(seed: UInt64) -> SchedulerSimulationSettings {
        if seed == 1 || seed % 50 == 0 {
            return SchedulerSimulationSettings(
                seed: seed, trials: seed == 1 ? 5_000 : 20_000, workers: 2_000, crashRate: 0.002, pauseRate: 0.002,
                duplicateRate: 0.02, dropRate: 0.01, reorderRate: 0.02, failRate: 0.01,
                poisonEvery: 997, restarts: 2)
        }
        var rng = Xoshiro256StarStar(seed: seed &* 0x9E37_79B9_7F4A_7C15)
        let workers = 20 + Int(rng.nextUniform() * 60)
        let trials = workers * (5 + Int(rng.nextUniform() * 10))
        return SchedulerSimulationSettings(
            seed: seed, trials: trials, workers: workers, crashRate: 0.01 + 0.03 * rng.nextUniform(),
            pauseRate: 0.01 + 0.03 * rng.nextUniform(), duplicateRate: 0.1 * rng.nextUniform(),
            dropRate: 0.05 * rng.nextUniform(), reorderRate: 0.1 * rng.nextUniform(),
            failRate: 0.05 * rng.nextUniform(), poisonEvery: 37 + Int(rng.nextUniform() * 60),
            restarts: 1 + Int(rng.nextUniform() * 3))
    }
}

/// What a simulated sweep did.
struct SchedulerSimulationReport {
    var finishedAt: Double?
    var finishedCount = 0
    /// How many times each trial was committed to the simulated journal.
    var commits: [String: Int] = [:]
    /// The outcome the simulated journal holds for each trial.
    var journal: [String: TrialOutcome] = [:]
    /// Every failure message a worker sent, per trial.
    var failureMessages: [String: Set<String>] = [:]
    /// Broken invariants, described.
    var violations: [String] = []
    var events = 0
    var crashes = 0
    var pauses = 0
    var duplicates = 0
    var drops = 0
    var reorders = 0
    var failures = 0
    var restarts = 0
    /// Results the scheduler sent to the journal that a coordinator restart lost before the commit.
    var uncommittedLost = 0
    /// Messages from routes that had not said hello to the current coordinator.
    var strayMessages = 0
    var staleResultsAccepted = 0
    var launches = 0
    var sessions = 0
    /// The most workers that ran one trial at the same time.
    var maxConcurrentRuns = 0

    /// One line of figures for the test output.
    func summary(_ settings: SchedulerSimulationSettings) -> String {
        let end = finishedAt.map { "\(Int($0.rounded())) s" } ?? "never"
        return "seed \(settings.seed): \(settings.workers) workers, \(settings.trials) trials, finished at \(end), "
            + "\(events) events; faults: \(crashes) crashes, \(pauses) hangs, \(restarts) coordinator restarts, "
            + "\(drops) dropped, \(duplicates) duplicated, \(reorders) reordered, \(failures) failed attempts; "
            + "\(uncommittedLost) uncommitted results lost, \(staleResultsAccepted) results accepted from superseded leases, "
            + "\(sessions) worker sessions, at most \(maxConcurrentRuns) concurrent runs of a trial"
    }
}
