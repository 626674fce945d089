import Core
import Foundation
@testable import Journaling
import Logging
@testable import Reporting
@testable import SweepSpecs
import Testing

/// The comparison of a real journal: trials grouped by configuration, failed and diverged ones
/// excluded and counted, pending ones left out.
@Suite("Paired comparison of a journal")
struct PairedComparisonJournalTests {
    @Test("a journal of two methods × two learning rates × 3 seeds compares like its values say")
    func journal() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let spec = try SweepSpec.parse(yaml: """
            base: {problem: digits}
            grid:
              method: [pilot, l1]
              learning_rate: [0.1, 0.2]
            seeds: 3
            """, file: "compare.yaml")
        let trials = try spec.expand()
        let journal = try run.open()
        try journal.register(spec: "compare", specText: "", trials: trials)
        let seeds = Set(trials.map(\.seed)).sorted()
        var entries: [JournalEntry] = []
        for trial in trials {
            let config = try #require(trial.work.coreConfig)
            let pilot = config.method == "pilot", first = config.learningRate == 0.1
            let rank = Double(seeds.firstIndex(of: trial.seed)!)
            // pilot validates best at 0.1, l1 at 0.2; pilot's test is 0.08 above l1's on every seed.
            let val = (pilot ? (first ? 0.9 : 0.8) : (first ? 0.7 : 0.85)) + rank / 100
            let test = (pilot ? 0.88 : 0.80) + rank / 100
            let metrics = ["val_accuracy@0.9": val, "accuracy@0.9": first == pilot ? test : 0.99, "accuracy": 0.5]
            switch (config.method, config.learningRate, rank) {
            case ("pilot", 0.2, 0):
                entries.append(.failed(trialID: trial.id, message: "boom", attempts: 3, worker: nil))
            case ("l1", 0.1, 1):
                entries.append(.done(trialID: trial.id, result: TrialResult(status: .diverged, steps: 1, wallSeconds: 0, x: [], metrics: [:], curves: []),
                                     attempts: 1, worker: nil))
            case ("l1", 0.2, 2):
                break
            default:
                entries.append(.done(trialID: trial.id, result: TrialResult(status: .completed, steps: 1, wallSeconds: 0, x: [], metrics: metrics, curves: []),
                                     attempts: 1, worker: "w"))
            }
        }
        try journal.record(entries)
        let reader = try Journal.openForReading(runDirectory: run.path, logger: Logger(label: "compare-tests"))
        let comparison = try PairedComparison(journal: reader, options: ComparisonOptions(title: "compare", sparsities: [0.9]))
        #expect(comparison.methods == ["pilot", "l1"])
        #expect((comparison.completed, comparison.failed, comparison.diverged, comparison.pending) == (9, 1, 1, 1))
        let pilot = comparison.rows[0], l1 = comparison.rows[1]
        #expect(pilot.method == "pilot" && pilot.budget == 2 && pilot.excluded == 1)
        #expect(pilot.choice?.setting == [AxisValue(name: "learning_rate", value: "0.1")])
        #expect(pilot.choice?.test?.count == 3)
        #expect(abs((pilot.choice?.test?.mean ?? 0) - 0.89) < 1e-12)
        #expect(l1.choice?.setting == [AxisValue(name: "learning_rate", value: "0.2")])
        #expect(l1.excluded == 1 && l1.choice?.test?.count == 2)
        let paired = try #require(l1.paired)
        #expect(paired.difference?.count == 2 && abs(paired.difference!.mean - 0.08) < 1e-12)
        #expect(paired.verdict == .wins)
        #expect(comparison.render(.markdown).contains("pilot wins"))
    }

    @Test("a spec without method names the field")
    func missingMethod() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let trials = try SweepSpec.parse(yaml: "base: {problem: digits}\ngrid: {learning_rate: [0.1, 0.2]}\nseeds: 1", file: "m.yaml").expand()
        let journal = try run.open()
        try journal.register(spec: "m", specText: "", trials: trials)
        try journal.record(trials.map {
            .done(trialID: $0.id, result: TrialResult(status: .completed, steps: 1, wallSeconds: 0, x: [], metrics: ["accuracy@0.9": 1], curves: []),
                  attempts: 1, worker: nil)
        })
        let reader = try Journal.openForReading(runDirectory: run.path, logger: Logger(label: "compare-tests"))
        #expect(throws: ReportError.missingField(field: "method", configuration: "learning_rate=0.1")) {
            try PairedComparison(journal: reader, options: ComparisonOptions(title: "m", sparsities: [0.9]))
        }
    }
}
