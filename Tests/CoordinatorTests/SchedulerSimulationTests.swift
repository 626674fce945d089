import Core
import Foundation
import Scheduling
import SimulationSupport
import Testing

@Suite("Scheduler simulation")
struct SchedulerSimulationTests {
    @Test("a seeded sweep with crashes, hangs, coordinator restarts, lost, duplicated and reordered messages and failing trials records every trial once",
          arguments: simulationSeeds())
    func chaoticSweep(seed: UInt64) {
        let settings = SchedulerSimulationSettings.scenario(seed: seed)
        let report = SchedulerSimulation.run(settings)
        FileHandle.standardError.write(Data("[simulation] \(report.summary(settings))\n".utf8))

        let problems = simulationProblems(report, settings)
        #expect(problems.isEmpty, """
            seed \(seed) broke \(problems.count) invariants, first: \(problems.prefix(5))
            replay: MIRRORSWEEP_SIM_SEED=\(seed) swift test --filter SchedulerSimulation
            """)
        if settings.workers >= 2_000 {
            #expect(report.crashes > 0 && report.pauses > 0 && report.restarts > 0, "seed \(seed)")
            #expect(report.drops > 0 && report.duplicates > 0 && report.reorders > 0 && report.failures > 0, "seed \(seed)")
        }
    }

    @Test("the same seed gives the same run")
    func deterministic() {
        let settings = SchedulerSimulationSettings.scenario(seed: 7)
        let first = SchedulerSimulation.run(settings)
        let second = SchedulerSimulation.run(settings)
        #expect(first.summary(settings) == second.summary(settings))
        #expect(first.journal == second.journal)
    }
}
