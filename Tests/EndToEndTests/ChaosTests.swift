import Foundation
import Testing

/// Chaos with real processes: workers SIGKILLed and SIGSTOPped at random, the coordinator
/// SIGKILLed three times, and still every trial is recorded once with a clean run's result.
///
/// `MIRRORSWEEP_CHAOS_SEED=n` replays the fault schedule of seed n (the timing of real processes
/// still varies); `MIRRORSWEEP_CHAOS_ROUNDS=n` runs n rounds, with the seeds that follow the first (`make chaos`).
@Suite("Chaos with real processes", .serialized)
struct ChaosTests {
    /// 80 trials of about 0.25 s each in a debug build.
    static let spec = regressionSweepSpec(name: "chaos", steps: 15000, weightDecays: ["0", "0.01", "0.05", "0.1"], schedules: ["constant", "off-at:5000"], seeds: 10)

    /// The first seed: `MIRRORSWEEP_CHAOS_SEED`, else one drawn from the clock.
    static func firstSeed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["MIRRORSWEEP_CHAOS_SEED"], let seed = UInt64(text) { return seed }
        return UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
    }

    /// The number of rounds: `MIRRORSWEEP_CHAOS_ROUNDS`, else 1.
    static func rounds() -> Int {
        ProcessInfo.processInfo.environment["MIRRORSWEEP_CHAOS_ROUNDS"].flatMap { Int($0) }.map { max(1, $0) } ?? 1
    }

    @Test("workers SIGKILLed and SIGSTOPped at random, the coordinator SIGKILLed 3 times: every trial recorded once, the clean run's table byte for byte")
    func chaoticSweep() throws {
        let seed = Self.firstSeed()
        let rounds = Self.rounds()
        print("chaos: seed \(seed), \(rounds) rounds (replay: MIRRORSWEEP_CHAOS_SEED=\(seed))")
        let fixture = try SweepFixture(name: "chaos", yaml: Self.spec)
        let clean = try CleanRun(fixture)
        var settings = ChaosMonkey.Settings()
        settings.meanTrialSeconds = clean.meanTrialSeconds
        var total = ChaosFigures()
        for round in 0..<rounds {
            let roundSeed = seed &+ UInt64(round)
            let replay = "chaos seed \(roundSeed) (replay: MIRRORSWEEP_CHAOS_SEED=\(roundSeed) swift test --filter ChaosTests)"
            let directory = fixture.runDirectory("chaos-\(round)")
            var figures = try ChaosMonkey(fixture: fixture, runDirectory: directory, seed: roundSeed, settings: settings).run()
            #expect(figures.coordinatorKills == settings.coordinatorKillsAt.count, "\(replay): the sweep ended before every coordinator kill")
            #expect(figures.workerKills > 0 && figures.workerStops > 0, "\(replay): no worker fault was injected: \(figures)")
            figures.trialsChecked = try clean.expectSame(directory, of: fixture, replay: replay)
            print("chaos: seed \(roundSeed): \(figures)")
            total += figures
        }
        print("chaos: total from seed \(seed): \(total)")
    }
}
