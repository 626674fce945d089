import Coordinator
import Core
import Foundation
import Testing

/// The seeds to simulate: `MIRRORSWEEP_SIM_SEED=n` runs only seed n, `MIRRORSWEEP_SIM_SEEDS=n`
/// runs seeds 1…n, and by default seeds 1…21 run (a large sweep and twenty smaller ones).
func simulationSeeds() -> [UInt64] {
    let environment = ProcessInfo.processInfo.environment
    if let seed = environment["MIRRORSWEEP_SIM_SEED"].flatMap({ UInt64($0) }) { return [seed] }
    let count = environment["MIRRORSWEEP_SIM_SEEDS"].flatMap { UInt64($0) } ?? 21
    return Array(1...max(1, count))
}

/// Everything wrong with the end state of a simulated sweep, described.
func simulationProblems(_ report: SchedulerSimulationReport, _ settings: SchedulerSimulationSettings) -> [String] {
    var problems = report.violations
    if report.finishedAt == nil { problems.append("the sweep did not finish within \(settings.timeLimit) s") }
    if report.finishedCount > 1 { problems.append("finished announced \(report.finishedCount) times") }
    for trial in makeTrials(settings.trials) {
        let id = trial.id
        guard let outcome = report.journal[id] else {
            if report.finishedAt != nil { problems.append("\(id) finished but not in the journal") }
            continue
        }
        if report.commits[id] != 1 { problems.append("\(id) committed \(report.commits[id] ?? 0) times") }
        let isPoison = settings.poisonEvery > 0 && trial.index % settings.poisonEvery == 0
        switch outcome {
        case let .done(result):
            if isPoison { problems.append("poison trial \(id) recorded as done") }
            if result != makeResult(for: id) { problems.append("\(id) recorded with a wrong result") }
        case let .failed(message, attempts):
            let explained = isPoison
                ? message == "poison \(id)"
                : report.failureMessages[id, default: []].contains(message) || message.hasPrefix("lost ")
            if message.isEmpty || !explained || attempts < 1 {
                problems.append("\(id) failed after \(attempts) attempts with an unexplained message: \"\(message)\"")
            }
        }
    }
    return problems
}

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
