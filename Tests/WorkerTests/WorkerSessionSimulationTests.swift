import Foundation
import SimulationSupport
import Testing

/// The simulation from the workers' side: workers run the real session and are also asked to
/// stop now and then, so goodbyes and replacements mix with every other fault.
@Suite("Worker session simulation")
struct WorkerSessionSimulationTests {
    @Test("simulated workers that also stop on request record every trial once", arguments: Array(simulationSeeds().filter { $0 > 1 && $0 % 50 != 0 }.prefix(5)))
    func stoppingWorkers(seed: UInt64) {
        var settings = SchedulerSimulationSettings.scenario(seed: seed)
        settings.stopRate = 0.01
        let report = SchedulerSimulation.run(settings)
        FileHandle.standardError.write(Data("[worker simulation] \(report.summary(settings))\n".utf8))

        let problems = simulationProblems(report, settings)
        #expect(problems.isEmpty, """
            seed \(seed) with stops broke \(problems.count) invariants, first: \(problems.prefix(5))
            replay: MIRRORSWEEP_SIM_SEED=\(seed) swift test --filter WorkerSessionSimulation
            """)
        #expect(report.stops > 0, "seed \(seed): no worker was asked to stop")
    }
}
