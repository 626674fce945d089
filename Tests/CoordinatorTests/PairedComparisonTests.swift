import Foundation
@testable import Reporting
import SweepSpecs
import Testing

/// Choosing each method's configuration by validation, reading the test metric once, and the
/// paired intervals against the reference, on hand-built configurations.
@Suite("Paired comparison")
struct PairedComparisonTests {
    /// A configuration of `method` with `learning_rate` and `target_sparsity` (nil: null), whose
    /// seed i (from 1) recorded `val_accuracy@0.9` = `val[i−1]` and `accuracy@0.9` = `test[i−1]`.
    private func configuration(
        _ method: String?, lr: Double, target: Double? = nil, val: [Double], test: [Double], failed: Int = 0, diverged: Int = 0
    ) -> ComparisonConfiguration {
        var completed: [UInt64: [String: Double]] = [:]
        for (i, (v, t)) in zip(val, test).enumerated() {
            completed[UInt64(i + 1)] = ["val_accuracy@0.9": v, "accuracy@0.9": t, "val_accuracy@0.8": v, "accuracy@0.8": t]
        }
        return ComparisonConfiguration(
            fields: [AxisValue(name: "method", value: method ?? "null"), AxisValue(name: "learning_rate", value: "\(lr)"),
                     AxisValue(name: "target_sparsity", value: target.map { "\($0)" } ?? "null")],
            completed: completed, failed: failed, diverged: diverged)
    }

    private let pilot = [0.9, 0.92, 0.91]

    private func compare(_ configurations: [ComparisonConfiguration], sparsities: [Double] = [0.9]) throws -> PairedComparison {
        try PairedComparison(configurations: configurations, options: ComparisonOptions(title: "t", sparsities: sparsities))
    }

    private func row(_ comparison: PairedComparison, _ method: String, _ s: Double = 0.9) -> ComparisonRow {
        comparison.rows.first { $0.method == method && $0.sparsity == s }!
    }

    @Test("the configuration is chosen by validation, not by test, and only its test values are read")
    func chosenByValidation() throws {
        let comparison = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("gmp", lr: 0.1, val: [0.75, 0.75, 0.75], test: [0.80, 0.81, 0.82]),
            configuration("gmp", lr: 0.2, val: [0.5, 0.5, 0.5], test: [0.95, 0.96, 0.97]),
        ])
        let gmp = row(comparison, "gmp")
        #expect(gmp.budget == 2)
        #expect(gmp.choice?.setting == [AxisValue(name: "learning_rate", value: "0.1")])
        #expect(gmp.choice?.validation.mean == 0.75)
        #expect(abs((gmp.choice?.test?.mean ?? 0) - 0.81) < 1e-15)
        #expect(row(comparison, "pilot").choice?.setting == [])
        #expect(comparison.methods == ["pilot", "gmp"])
    }

    @Test("a method trained for one target is a candidate at that sparsity only; null serves every sparsity")
    func targetSpecificCandidates() throws {
        let comparison = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("gmp", lr: 0.1, target: 0.8, val: [0.99, 0.99, 0.99], test: [0.5, 0.5, 0.5]),
            configuration("gmp", lr: 0.1, target: 0.9, val: [0.8, 0.8, 0.8], test: [0.7, 0.7, 0.7]),
            configuration("gmp", lr: 0.2, val: [0.7, 0.7, 0.7], test: [0.6, 0.6, 0.6]),
        ], sparsities: [0.8, 0.9])
        let at9 = row(comparison, "gmp", 0.9), at8 = row(comparison, "gmp", 0.8)
        #expect(at9.budget == 2 && at8.budget == 2)
        #expect(at9.choice?.setting == [AxisValue(name: "learning_rate", value: "0.1"), AxisValue(name: "target_sparsity", value: "0.9")])
        #expect(abs((at9.choice?.test?.mean ?? 0) - 0.7) < 1e-15)
        #expect(at8.choice?.setting == [AxisValue(name: "learning_rate", value: "0.1"), AxisValue(name: "target_sparsity", value: "0.8")])
        #expect(comparison.rows.map(\.sparsity) == [0.8, 0.8, 0.9, 0.9])
    }

    @Test("equal validation means go to the configuration given first")
    func ties() throws {
        let same = [0.8, 0.85, 0.9]
        let first = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("l1", lr: 0.3, val: same, test: [0.1, 0.1, 0.1]),
            configuration("l1", lr: 0.2, val: same, test: [0.2, 0.2, 0.2]),
        ])
        #expect(row(first, "l1").choice?.setting == [AxisValue(name: "learning_rate", value: "0.3")])
        let swapped = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("l1", lr: 0.2, val: same, test: [0.2, 0.2, 0.2]),
            configuration("l1", lr: 0.3, val: same, test: [0.1, 0.1, 0.1]),
        ])
        #expect(row(swapped, "l1").choice?.setting == [AxisValue(name: "learning_rate", value: "0.2")])
    }

    @Test("the paired interval of reference − method on common seeds, computed by hand")
    func pairedByHand() throws {
        // l1 has a fourth seed pilot lacks: it is left out of the pairs, not of l1's own mean.
        let l1 = [0.85, 0.9, 0.88, 0.1]
        let comparison = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("l1", lr: 0.1, val: l1, test: l1),
        ])
        let differences = [0.9 - 0.85, 0.92 - 0.9, 0.91 - 0.88]
        let mean = differences.reduce(0, +) / 3
        let sd = (differences.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        // t_{0.975,2} in closed form: (2p − 1)/√(2p(1 − p)).
        let t = 0.95 / (2 * 0.975 * 0.025).squareRoot()
        let half = t * sd / 3.0.squareRoot()
        let paired = try #require(row(comparison, "l1").paired)
        #expect(paired.difference?.count == 3)
        #expect(abs(paired.difference!.mean - mean) < 1e-15)
        #expect(abs(paired.difference!.halfWidth! - half) < 1e-12)
        #expect(paired.verdict == .ties)
        #expect(row(comparison, "l1").choice?.test?.count == 4)
        #expect(row(comparison, "pilot").paired == nil)
        let test = try #require(row(comparison, "pilot").choice?.test)
        let pilotSD = (pilot.map { ($0 - 0.91) * ($0 - 0.91) }.reduce(0, +) / 2).squareRoot()
        #expect(abs(test.halfWidth! - t * pilotSD / 3.0.squareRoot()) < 1e-12)
    }

    @Test("verdicts: wins above 0, loses below, ties across, too few seeds under 2 pairs")
    func verdicts() throws {
        let comparison = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("worse", lr: 0.1, val: pilot, test: [0.85, 0.88, 0.85]),
            configuration("better", lr: 0.1, val: pilot, test: [0.95, 0.98, 0.95]),
            configuration("noisy", lr: 0.1, val: pilot, test: [0.99, 0.80, 0.95]),
            configuration("single", lr: 0.1, val: [0.9], test: [0.5]),
        ])
        #expect(row(comparison, "worse").paired?.verdict == .wins)
        #expect(row(comparison, "better").paired?.verdict == .loses)
        #expect(row(comparison, "noisy").paired?.verdict == .ties)
        #expect(row(comparison, "single").paired?.verdict == .tooFewSeeds)
        #expect(row(comparison, "single").paired?.difference?.count == 1)
        let text = comparison.render(.markdown)
        #expect(text.contains("pilot wins") && text.contains("pilot loses") && text.contains("pilot ties") && text.contains("too few seeds"))
    }

    @Test("failed and diverged trials are counted as excluded among the candidates")
    func excluded() throws {
        let comparison = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot, failed: 1),
            configuration("gmp", lr: 0.1, target: 0.8, val: pilot, test: pilot, diverged: 5),
            configuration("gmp", lr: 0.2, val: pilot, test: pilot, failed: 2, diverged: 1),
        ])
        #expect(row(comparison, "pilot").excluded == 1)
        #expect(row(comparison, "gmp").excluded == 3)
        #expect(comparison.failed == 3 && comparison.diverged == 6 && comparison.completed == 9)
        #expect(comparison.legend.contains("excluded: 3 failed, 6 diverged"))
    }

    @Test("a configuration without method, an unknown reference or metric, and no completed trial are errors")
    func errors() throws {
        #expect(throws: ReportError.missingField(field: "method", configuration: "method=null")) {
            try compare([configuration("pilot", lr: 0.1, val: pilot, test: pilot), configuration(nil, lr: 0.1, val: pilot, test: pilot)])
        }
        #expect(throws: ReportError.unknownMethod(option: "reference", name: "pilot", methods: ["gmp"])) {
            try compare([configuration("gmp", lr: 0.1, val: pilot, test: pilot)])
        }
        #expect {
            try compare([configuration("pilot", lr: 0.1, val: pilot, test: pilot)], sparsities: [0.95])
        } throws: { error in
            guard case let .unknownMetric(option, name, allowed) = error as? ReportError else { return false }
            return option == "select" && name == "val_accuracy@0.95" && allowed.first == "val_accuracy@0.8"
        }
        #expect(throws: ReportError.noCompletedTrials(failed: 2, diverged: 0, pending: 0)) {
            try compare([configuration("pilot", lr: 0.1, val: [], test: [], failed: 2)])
        }
    }

    @Test("every format names the chosen setting and the verdict")
    func formats() throws {
        let comparison = try compare([
            configuration("pilot", lr: 0.1, val: pilot, test: pilot),
            configuration("gmp", lr: 0.1, val: [0.75, 0.75, 0.75], test: [0.80, 0.81, 0.82]),
            configuration("gmp", lr: 0.2, val: [0.5, 0.5, 0.5], test: [0.95, 0.96, 0.97]),
        ])
        #expect(comparison.render(.markdown).contains("| learning_rate=0.1 |"))
        let csv = comparison.render(.csv).split(separator: "\r\n")
        #expect(csv.count == 3)
        #expect(csv[2].hasPrefix("0.9,gmp,pilot,2,learning_rate=0.1,3,0.75,"))
        #expect(csv[2].hasSuffix(",3,wins,0"))
        let latex = comparison.render(.latex)
        #expect(latex.contains("learning\\_rate=0.1") && latex.contains("$\\pm$") && !latex.contains("±"))
        let json = comparison.render(.json)
        #expect(json.contains("\"verdict\" : \"wins\"") && json.contains("\"learning_rate\" : 0.1"))
    }
}
