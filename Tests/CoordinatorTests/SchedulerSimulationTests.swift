import Coordinator
import Core
import Testing

@Suite("Scheduler simulation")
struct SchedulerSimulationTests {
    @Test("a sweep with crashes, stopped workers and duplicate reports finishes, each trial persisted once",
          arguments: [1, 2, 3] as [UInt64])
    func chaoticSweepFinishes(seed: UInt64) throws {
        let settings = SchedulerSimulationSettings(
            seed: seed, trials: 400, workers: 30, crashRate: 0.02, pauseRate: 0.02,
            duplicateRate: 0.1, poisonEvery: 97)
        let report = SchedulerSimulation.run(settings)

        #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
        #expect(report.finishedAt != nil)
        #expect(report.finishedCount == 1)
        #expect(report.crashes > 0 && report.pauses > 0 && report.duplicates > 0 && report.staleResultsAccepted > 0)
        #expect(report.persists.count == settings.trials)
        #expect(report.persists.values.allSatisfy { $0 == 1 })
        for trial in makeTrials(settings.trials) {
            let index = trial.index
            let outcome = try #require(report.journal[trial.id])
            if index % settings.poisonEvery == 0 {
                guard case .failed = outcome else {
                    Issue.record("poison trial \(trial.id) ended as \(outcome)")
                    continue
                }
            } else {
                #expect(outcome == .done(makeResult(for: trial.id)), "trial \(trial.id)")
            }
        }
    }

    @Test("the same seed gives the same run")
    func deterministic() {
        let settings = SchedulerSimulationSettings(seed: 7, trials: 100, workers: 10, crashRate: 0.05, pauseRate: 0.05)
        let first = SchedulerSimulation.run(settings)
        let second = SchedulerSimulation.run(settings)
        #expect(first.finishedAt == second.finishedAt)
        #expect(first.crashes == second.crashes && first.pauses == second.pauses)
        #expect(first.staleResultsAccepted == second.staleResultsAccepted)
    }
}
