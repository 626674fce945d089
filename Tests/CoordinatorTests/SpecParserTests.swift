import Core
import Foundation
@testable import SweepSpecs
import Testing

@Suite("Sweep spec parsing and grid expansion")
struct SpecParserTests {
    @Test("grid product: count and order, first axis outermost, seeds innermost")
    func gridOrder() throws {
        let spec = try SweepSpec.parse(yaml: """
            grid:
              weight_decay: [0, 0.01, 0.05]
              parameterization: [mask-weight, hadamard]
            seeds: 2
            """, file: "order.yaml")
        #expect(spec.name == "order")
        #expect(spec.axisNames == ["weight_decay", "parameterization"])
        let trials = try spec.expand()
        #expect(trials.count == 12)
        #expect(trials.map(\.index) == Array(0..<12))
        #expect(trials.map(\.seed) == [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
        let points = stride(from: 0, to: 12, by: 2).map { trials[$0].axes.map(\.value) }
        #expect(points == [["0", "mask-weight"], ["0", "hadamard"], ["0.01", "mask-weight"],
                           ["0.01", "hadamard"], ["0.05", "mask-weight"], ["0.05", "hadamard"]])
        #expect(trials[6].config.weightDecay == 0.01 && trials[6].config.parameterization == .hadamard)
    }

    @Test("zip groups vary together, after the grid axes")
    func zipGroups() throws {
        let spec = try SweepSpec.parse(yaml: """
            base: {parameterization: hadamard}
            grid: {steps: [10, 20]}
            zip:
              - {depth: [2, 3], learning_rate: [0.02, 0.01]}
            """, file: "zip.yaml")
        let trials = try spec.expand()
        #expect(trials.map { $0.axes.map(\.value) } == [
            ["10", "2", "0.02"], ["10", "3", "0.01"], ["20", "2", "0.02"], ["20", "3", "0.01"],
        ])
        #expect(trials[1].config.depth == 3 && trials[1].config.learningRate == 0.01 && trials[1].config.steps == 10)
        #expect(trials.map(\.seed) == [0, 0, 0, 0])
    }

    @Test("seeds forms", arguments: [
        ("seeds: 3", [0, 1, 2] as [UInt64]),
        ("seeds: [1, 7, 42]", [1, 7, 42]),
        ("seeds: [0, 9223372036854775808, 18446744073709551615]", [0, 1 << 63, UInt64.max]),
        ("seeds: [1e4]", [10000]),
        ("name: x", [0]),
    ])
    func seedForms(text: String, seeds: [UInt64]) throws {
        let spec = try SweepSpec.parse(yaml: text, file: "s.yaml")
        #expect(spec.seeds == seeds)
        #expect(try spec.expand().map(\.seed) == seeds)
    }

    @Test("scalars: 1e-3 is a number, quoted schedules are strings, underscores in integers")
    func scalars() throws {
        let spec = try SweepSpec.parse(yaml: """
            base: {weight_decay: 1e-3, learning_rate: 2E-2, steps: 10_000, schedule: "off-at:2000", thresholds: [1e-3, 1e-4], data_seed: 9}
            """, file: "s.yaml")
        let config = try #require(try spec.expand().first).config
        #expect(config.weightDecay == 0.001)
        #expect(config.learningRate == 0.02)
        #expect(config.steps == 10_000)
        #expect(config.schedule == .offAt(step: 2000))
        #expect(config.thresholds == [1e-3, 1e-4])
        #expect(config.dataSeed == 9)
    }

    @Test("the spec's config equals TrialConfig decoded from the same fields as JSON")
    func matchesJSONDecoding() throws {
        let cases = [
            (#"{"parameterization": "direct"}"#, "parameterization: direct"),
            (#"{"parameterization": "hadamard", "depth": 4, "batch_size": 8, "optimizer": "sgd"}"#,
             "parameterization: hadamard\n  depth: 4\n  batch_size: 8\n  optimizer: sgd"),
            (#"{"noise": 0.1, "schedule": "warmup:10+cosine", "data": "/tmp/d"}"#,
             "noise: 0.1\n  schedule: warmup:10+cosine\n  data: /tmp/d"),
            (#"{"problem": "matrix-sensing", "model": "deep", "depth": 3, "rank": 4, "measurements": 80}"#,
             "problem: matrix-sensing\n  model: deep\n  depth: 3\n  rank: 4\n  measurements: 80"),
        ]
        for (json, yaml) in cases {
            let decoded = try JSONDecoder().decode(TrialConfig.self, from: Data(json.utf8))
            let spec = try SweepSpec.parse(yaml: "base:\n  \(yaml)\n", file: "m.yaml")
            #expect(try spec.expand()[0].config == decoded)
        }
    }

    @Test("ConfigField mirrors TrialConfig's fields")
    func fieldsMirrorConfig() {
        #expect(ConfigField.names == TrialConfig.fieldNames)
    }

    @Test("identity: writing a default does not change the id; seed and config do")
    func identity() throws {
        let omitted = try SweepSpec.parse(yaml: "base: {weight_decay: 0.05}", file: "a.yaml").expand()[0]
        let explicit = try SweepSpec.parse(yaml: "base: {weight_decay: 0.050, depth: 2, steps: 10000, noise: 0}", file: "b.yaml").expand()[0]
        #expect(omitted.id == explicit.id)
        #expect(omitted.id.count == 64 && omitted.id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(omitted.id == TrialIdentity.id(config: omitted.config, seed: 0))
        #expect(TrialIdentity.id(config: omitted.config, seed: 1) != omitted.id)
        var changed = omitted.config
        changed.steps = 10_001
        #expect(TrialIdentity.id(config: changed, seed: 0) != omitted.id)
    }

    @Test("identity definition: SHA-256 of canonical JSON + newline + seed=N")
    func identityDefinition() throws {
        let canonical = TrialIdentity.canonicalJSON(of: TrialConfig())
        #expect(canonical == #"{"curve_points":40,"depth":2,"dimension":100,"init_scale":1,"learning_rate":0.02,"measurements":120,"model":"uu","momentum":0.9,"noise":0,"optimizer":"gd","parameterization":"mask-weight","problem":"sparse-regression","rank":2,"regularizer":"l2","samples":40,"schedule":"constant","sparsity":5,"steps":10000,"test_samples":1000,"thresholds":[0.001],"weight_decay":0}"#)
        let text = canonical + "\nseed=7"
        let expected = try sha256Hex(text)
        #expect(TrialIdentity.id(config: TrialConfig(), seed: 7) == expected)
    }

    @Test("canonical JSON equals JSONEncoder's sorted-keys output for ordinary configs")
    func canonicalMatchesJSONEncoder() throws {
        var config = TrialConfig()
        config.data = "/data/set 1"
        config.dataSeed = 12
        config.batchSize = 8
        config.noise = 1e-5
        config.initScale = 123456.75
        config.schedule = .warmup(steps: 10, then: .step(milestones: [5, 9], gamma: 0.5))
        config.thresholds = [1e-3, 0.25, 2]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for c in [TrialConfig(), config] {
            #expect(TrialIdentity.canonicalJSON(of: c) == String(decoding: try encoder.encode(c), as: UTF8.self))
        }
    }

    /// SHA-256 via the system's `sha256sum`, independent of the code under test.
    private func sha256Hex(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test("every spec in sweeps/ loads and expands")
    func repositorySpecs() throws {
        let sweeps = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps")
        let files = try FileManager.default.contentsOfDirectory(atPath: sweeps.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains("quickstart.yaml") && files.contains("noop.yaml"))
        for file in files {
            let spec = try SweepSpec.load(path: sweeps.appendingPathComponent(file).path)
            let trials = try spec.expand()
            #expect(trials.count == spec.trialCount)
            #expect(Set(trials.map(\.id)).count == trials.count)
        }
        #expect(try SweepSpec.load(path: sweeps.appendingPathComponent("noop.yaml").path).trialCount == 10_000)
        #expect(try SweepSpec.load(path: sweeps.appendingPathComponent("noop-50k.yaml").path).trialCount == 50_000)
    }
}
