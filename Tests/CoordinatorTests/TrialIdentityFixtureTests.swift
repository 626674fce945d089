import Core
import Foundation
@testable import SweepSpecs
import Testing

/// Ids that are published (journals, exports) and must never change.
///
/// Each id below was computed by `TrialIdentity.id(config:seed:)` on `main` at d0c59bb, before the
/// field table replaced the hand-written canonical JSON.
struct TrialIdentityFixtureTests {
    static func matrixSensing() throws -> TrialConfig {
        var c = TrialConfig()
        c.problem = .matrixSensing; c.model = .deep; c.depth = 3; c.dimension = 10; c.rank = 3; c.measurements = 200
        c.noise = 0.01; c.learningRate = 0.05; c.weightDecay = 1e-5; c.schedule = try WeightDecaySchedule(parsing: "off-at:2000")
        c.optimizer = .momentum
        return c
    }

    static func digits() throws -> TrialConfig {
        var c = TrialConfig()
        c.problem = .digits; c.parameterization = .direct; c.depth = 1; c.widths = [32, 16]; c.pruneSparsities = [0.5, 0.9]
        c.l1Penalty = 0.0001; c.batchSize = 32; c.optimizer = .sgd; c.weightDecay = 0.001
        c.schedule = try WeightDecaySchedule(parsing: "pilot:1.1:500"); c.steps = 2000; c.curvePoints = 0; c.thresholds = [0.001, 0.01]
        return c
    }

    static func dataDirectory() throws -> TrialConfig {
        var c = TrialConfig()
        c.data = "/data/run \"1\"/x\\y"; c.dataSeed = UInt64.max; c.parameterization = .hadamard; c.depth = 4
        c.initScale = 0.5; c.regularizer = .compatible; c.schedule = try WeightDecaySchedule(parsing: "warmup:10+cosine"); c.momentum = 0.5
        c.sparsity = 0; c.testSamples = 0; c.samples = 7
        return c
    }

    static func teacherStudent() -> TrialConfig {
        var c = TrialConfig()
        c.problem = .teacherStudent; c.widths = []; c.dimension = 20; c.samples = 500
        return c
    }

    @Test("ids of the current release are unchanged")
    func publishedIDs() throws {
        let fixtures: [(TrialConfig, UInt64, String)] = [
            (TrialConfig(), 0, "a12353cefb4bad05cba35375a8d773234b912ef3bab404c164d5a7865a08c3f6"),
            (TrialConfig(), 7, "ec9eeac092105f9a685ecc9100a46793db9b38b6abcc24235222da0cbf090370"),
            (try Self.matrixSensing(), 42, "0e647d3d63527efe2c591711c309e663e1f70caacd360260dfd9ac1373c43134"),
            (try Self.digits(), 3, "96f36161f9db0613d0cefc830f3b756de5c517a5d6fb730d90c9195ba834dc1c"),
            (try Self.dataDirectory(), UInt64.max, "3f2a2bf332c465daf952d74e5424b5e65f27da6036df81e0f393bef053209d38"),
            (Self.teacherStudent(), 1, "59c25ce735ea391e50da883e56318e635f7eba0f847db5ea41fbda12205bfc2f"),
        ]
        for (config, seed, id) in fixtures {
            #expect(TrialIdentity.id(config: config, seed: seed) == id, "\(TrialIdentity.canonicalJSON(of: config))")
        }
    }

    @Test("canonical JSON of the current release is unchanged")
    func publishedCanonicalJSON() throws {
        #expect(TrialIdentity.canonicalJSON(of: try Self.digits()) == #"{"batch_size":32,"curve_points":0,"depth":1,"dimension":100,"init_scale":1,"l1_penalty":0.0001,"learning_rate":0.02,"measurements":120,"model":"uu","momentum":0.9,"noise":0,"optimizer":"sgd","parameterization":"direct","problem":"digits","prune_sparsities":[0.5,0.9],"rank":2,"regularizer":"l2","samples":40,"schedule":"pilot:1.1:500.0","sparsity":5,"steps":2000,"test_samples":1000,"thresholds":[0.001,0.01],"weight_decay":0.001,"widths":[32,16]}"#)
        #expect(TrialIdentity.canonicalJSON(of: try Self.dataDirectory()) == #"{"curve_points":40,"data":"/data/run \"1\"/x\\y","data_seed":18446744073709551615,"depth":4,"dimension":100,"init_scale":0.5,"learning_rate":0.02,"measurements":120,"model":"uu","momentum":0.5,"noise":0,"optimizer":"gd","parameterization":"hadamard","problem":"sparse-regression","rank":2,"regularizer":"compatible","samples":7,"schedule":"warmup:10+cosine","sparsity":0,"steps":10000,"test_samples":0,"thresholds":[0.001],"weight_decay":0}"#)
    }

    @Test("control characters in strings keep the escapes ids have always hashed")
    func controlCharacterEscapes() {
        var c = TrialConfig()
        c.data = "t\tn\nr\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}é/"
        #expect(TrialIdentity.canonicalJSON(of: c).contains(#""data":"t\tn\nr\r\b\f\u0001\u001f"# + "\u{7F}é/\","))
    }

    @Test("SPEC.md's identity example is the canonical JSON and id the code gives")
    func specExample() throws {
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/SPEC.md")
        let text = try String(contentsOf: spec, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Trial identity").dropFirst().first?.components(separatedBy: "\n## ").first)
        let canonical = TrialIdentity.canonicalJSON(of: TrialConfig())
        #expect(section.contains("```\n\(canonical)\n```"), "expected the example:\n\(canonical)")
        let id = TrialIdentity.id(config: TrialConfig(), seed: 7)
        #expect(section.contains("`\(id)`"), "expected the id \(id)")
    }
}
