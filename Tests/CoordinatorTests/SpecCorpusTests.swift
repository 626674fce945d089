import Foundation
@testable import SweepSpecs
import Testing


/// Every input of the `fuzz-spec` seed corpus (Fuzz/Corpus/spec, crash inputs included) and every
/// spec of sweeps/ through the real parser and grid expansion: a spec whose trials have distinct
/// ids, or a `SpecError`.
@Suite struct SpecCorpusTests {
    /// Larger grids (sweeps/noop-50k.yaml) are parsed only, as in the fuzz target, to stay fast.
    static let maxExpandedTrials = 4096

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func inputs(in directory: String) throws -> [(name: String, text: String)] {
        let url = root.appendingPathComponent(directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        return try names.map { name in
            ("\(directory)/\(name)", String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self))
        }
    }

    @Test func everyCorpusInputParsesOrThrowsASpecError() throws {
        let inputs = try Self.inputs(in: "Fuzz/Corpus/spec") + Self.inputs(in: "sweeps")
        #expect(inputs.count >= 25)
        var expanded = 0
        var errors = 0
        for (name, text) in inputs {
            let trials: [TrialSpec]
            do {
                let spec = try SweepSpec.parse(yaml: text, file: name)
                guard spec.trialCount <= Self.maxExpandedTrials else { continue }
                trials = try spec.expand()
                #expect(trials.count == spec.trialCount, "\(name)")
            } catch {
                errors += 1
                #expect(!error.description.isEmpty, "\(name)")
                continue
            }
            #expect(Set(trials.map(\.id)).count == trials.count, "\(name): two trials share an id")
            expanded += 1
        }
        #expect(expanded >= 10, "fewer than 10 corpus specs expand")
        #expect(errors >= 10, "fewer than 10 corpus specs are invalid")
    }

    /// Crash inputs: `seeds: N` allocated N seeds before any check, so a large N aborted the
    /// process; now it, like a grid of too many points, is refused with the spec's location.
    @Test("specs of more than maxTrials trials are refused when read", arguments: [
        ("seeds: 1000000000000000\n", "bad.yaml:1:8: seeds"),
        ("seeds: 10000\ngrid:\n  steps: [\((0...1000).map(String.init).joined(separator: ", "))]\n", "bad.yaml:1:1: grid"),
        ("grid:\n" + ["steps", "depth", "samples", "sparsity"].map { "  \($0): [\((1...100).map(String.init).joined(separator: ", "))]\n" }.joined(),
         "bad.yaml:1:1: grid"),
    ])
    func oversizedSpecs(yaml: String, location: String) {
        #expect(throws: SpecError.self) { try SweepSpec.parse(yaml: yaml, file: "bad.yaml") }
        do {
            _ = try SweepSpec.parse(yaml: yaml, file: "bad.yaml")
        } catch {
            #expect(error.description.hasPrefix(location), "\(error)")
            #expect(error.description.contains("\(SweepSpec.maxTrials) trials"), "\(error)")
        }
    }
}
