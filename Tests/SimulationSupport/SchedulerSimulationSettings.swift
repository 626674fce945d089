import Core
import Scheduling

/// The knobs of a simulated sweep. Rates are chances per worker per second, or per message
/// for the network faults.
public struct SchedulerSimulationSettings: Sendable {
    /// The seed of every random choice: the same seed gives the same run.
    public var seed: UInt64
    /// Trials in the sweep.
    public var trials: Int
    /// Workers launched at the start; each crashed or stopped one is replaced while work remains.
    public var workers: Int
    /// Each worker's slots.
    public var slots = 2
    /// Seconds a trial trains.
    public var trialSeconds: ClosedRange<Double> = 0.5...4
    /// Seconds a message travels.
    public var networkDelay: ClosedRange<Double> = 0.001...0.05
    /// Chance per worker per second that its process dies.
    public var crashRate = 0.0
    /// Chance per worker per second that it hangs for `pauseSeconds` and then returns.
    public var pauseRate = 0.0
    /// Seconds a hung worker stays hung.
    public var pauseSeconds: ClosedRange<Double> = 2...9
    /// Chance that a worker's report is delivered twice.
    public var duplicateRate = 0.0
    /// Chance that a message the protocol retries or recovers (hello, welcome, heartbeat, holding
    /// list, assignment, report, acknowledgement) is lost.
    public var dropRate = 0.0
    /// Chance that a message ignores the order of its link and arrives after its own delay.
    public var reorderRate = 0.0
    /// Chance per worker per second that it is asked to stop (SIGTERM): it says goodbye and exits.
    public var stopRate = 0.0
    /// Chance that an attempt of a trial fails on its worker.
    public var failRate = 0.0
    /// Every `poisonEvery`-th trial fails on every worker; 0 for none.
    public var poisonEvery = 0
    /// How many times the coordinator restarts from the journal, at most.
    public var restarts = 0
    /// Seconds between coordinator restarts.
    public var restartGap: ClosedRange<Double> = 3...10
    /// Seconds the coordinator is down when it restarts.
    public var restartDowntime: ClosedRange<Double> = 0.2...2
    /// Seconds before a crashed or stopped worker is replaced.
    public var restartDelay = 1.0
    /// Seconds between journal commits.
    public var commitInterval = 0.005
    /// Seconds between the coordinator's ticks.
    public var tickInterval = 0.25
    /// Simulated seconds after which the run gives up.
    public var timeLimit = 3_600.0
    /// The scheduler's configuration.
    public var configuration = SchedulerConfiguration()

    /// The run a seed stands for: seed 1 is a large sweep (2,000 workers, 5,000 trials), every
    /// multiple of 50 a larger one (2,000 workers, 20,000 trials), the others smaller ones sized
    /// by the seed. Every fault is on.
    public static func scenario(seed: UInt64) -> SchedulerSimulationSettings {
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
