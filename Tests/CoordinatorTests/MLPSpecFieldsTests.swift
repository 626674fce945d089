import Core
import Foundation
@testable import SweepSpecs
import Testing

@Suite("Sweep spec fields of the MLP problems")
struct MLPSpecFieldsTests {
    @Test("widths, prune_sparsities and l1_penalty as base fields and axes")
    func parse() throws {
        let spec = try SweepSpec.parse(yaml: """
            base: {problem: digits, prune_sparsities: [0.9, 0.99], l1_penalty: 1e-4, schedule: "pilot:1.1:500", weight_decay: 1e-4}
            grid:
              widths: [32, [128, 64], [], null]
            """, file: "mlp.yaml")
        let trials = try spec.expand()
        #expect(trials.map { $0.axes.map(\.value) } == [["[32]"], ["[128, 64]"], ["[]"], ["null"]])
        #expect(trials.map(\.config.widths) == [[32], [128, 64], [], nil])
        #expect(trials[0].config.pruneSparsities == [0.9, 0.99] && trials[0].config.l1Penalty == 1e-4)
        #expect(trials[0].config.schedule == .pilot(delta: 1.1, budget: 500))
    }

    @Test("wrong types and values are located errors")
    func errors() {
        for (yaml, needle) in [
            ("base: {widths: [64, x]}", "base.widths[1]"),
            ("base: {widths: 1.5}", "base.widths"),
            ("base: {l1_penalty: [1]}", "base.l1_penalty"),
            ("base: {problem: digits, widths: [0]}", "widths"),
        ] {
            #expect { try SweepSpec.parse(yaml: yaml, file: "bad.yaml").expand() } throws: { error in
                "\(error)".contains(needle)
            }
        }
    }

    @Test("the canonical JSON with the new fields equals JSONEncoder's sorted output; absent fields keep old ids")
    func canonical() throws {
        var config = TrialConfig()
        config.problem = .digits
        config.widths = [128, 64]
        config.pruneSparsities = [0.5, 0.99]
        config.l1Penalty = 1e-5
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(TrialIdentity.canonicalJSON(of: config) == String(decoding: try encoder.encode(config), as: UTF8.self))
        #expect(!TrialIdentity.canonicalJSON(of: TrialConfig()).contains("widths"))
        let explicit = try SweepSpec.parse(yaml: "base: {problem: digits, widths: [64], l1_penalty: 0}", file: "a.yaml").expand()[0]
        let omitted = try SweepSpec.parse(yaml: "base: {problem: digits}", file: "b.yaml").expand()[0]
        #expect(explicit.id == omitted.id)
    }

    @Test("sweeps/pilot-digits.yaml parses and every trial validates")
    func shippedSweep() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps/pilot-digits.yaml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let trials = try SweepSpec.parse(yaml: yaml, file: path).expand()
        #expect(trials.count == 50)
        #expect(trials.allSatisfy { $0.config.problem == .digits })
        for trial in trials { try trial.config.validate() }
        #expect(trials.contains { $0.config.schedule.isAdaptive && $0.config.parameterization == .maskWeight })
    }
}
