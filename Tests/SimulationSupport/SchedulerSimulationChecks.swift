import Foundation

/// The seeds to simulate: `MIRRORSWEEP_SIM_SEED=n` runs only seed n, `MIRRORSWEEP_SIM_SEEDS=n`
/// runs seeds 1…n, and by default seeds 1…21 run (a large sweep and twenty smaller ones).
public func simulationSeeds() -> [UInt64] {
    let environment = ProcessInfo.processInfo.environment
    if let seed = environment["MIRRORSWEEP_SIM_SEED"].flatMap({ UInt64($0) }) { return [seed] }
    let count = environment["MIRRORSWEEP_SIM_SEEDS"].flatMap { UInt64($0) } ?? 21
    return Array(1...max(1, count))
}

/// Everything wrong with the end state of a simulated sweep, described.
public func simulationProblems(_ report: SchedulerSimulationReport, _ settings: SchedulerSimulationSettings) -> [String] {
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
