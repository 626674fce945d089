import Core
import Foundation
import Testing

@Suite("MLP training")
struct MLPTrainingTests {
    @Test("three epochs on digits reach well above chance", arguments: [ParameterizationKind.direct, .maskWeight])
    func digitsLearn(kind: ParameterizationKind) throws {
        let result = try trainDigits(digitsConfig(kind, steps: 3 * 23), seed: 2)
        #expect(result.status == .completed && result.steps == 69)
        #expect(try #require(result.metrics["accuracy"]) > 0.8)
        #expect(try #require(result.metrics["train_accuracy"]) > 0.8)
        #expect(result.metrics["epochs"] == 3)
        #expect(result.x.isEmpty)
    }

    @Test("the same config and seed give bit-identical results; another seed does not")
    func determinism() throws {
        var config = digitsConfig(steps: 40, weightDecay: 1e-3, schedule: .pilot(delta: 1.2, budget: 200))
        config.curvePoints = 10
        config.l1Penalty = 1e-4
        var first = try runTrial(config, seed: 7)
        first.wallSeconds = 0
        let second = try trainDigits(config, seed: 7)
        #expect(first == second)
        #expect(first.metrics.mapValues(\.bitPattern) == second.metrics.mapValues(\.bitPattern))
        let other = try trainDigits(config, seed: 8)
        #expect(other.metrics["l1"] != first.metrics["l1"])
    }

    @Test("the metrics and the per-epoch curves")
    func metricsAndCurves() throws {
        var config = digitsConfig(steps: 2 * 23 + 5, weightDecay: 1e-3)
        config.curvePoints = 10
        config.thresholds = [1e-3, 1e-2]
        config.pruneSparsities = [0.9, 0.5]
        let result = try trainDigits(config, seed: 1)
        for key in ["accuracy", "train_accuracy", "train_loss", "test_loss", "sparsity", "sparsity@0.01", "nonzeros",
                    "accuracy@0.9", "accuracy@0.5", "l1", "lambda_integral", "final_weight_decay", "steps"] {
            #expect(result.metrics[key] != nil, "\(key)")
        }
        #expect(result.metrics["accuracy@0.8"] == nil)
        #expect(result.metrics["final_weight_decay"] == 1e-3)
        // Heavy ball with μ = 0.9: the effective Λ = η/(1 − μ)·Σλ.
        #expect(abs(result.metrics["lambda_integral"]! - 51 * 0.1 * 1e-3 / (1 - 0.9)) < 1e-14)
        #expect(result.curves.map(\.step) == [0, 23, 46, 51])
        #expect(result.curves.allSatisfy { Set($0.metrics.keys).isSuperset(of: ["train_loss", "accuracy", "l1", "weight_decay"]) })
    }

    @Test("the L1 penalty shrinks ‖x‖₁")
    func l1Penalty() throws {
        var config = digitsConfig(.direct, steps: 46)
        let plain = try trainDigits(config, seed: 3)
        config.l1Penalty = 1e-3
        let penalized = try trainDigits(config, seed: 3)
        #expect(try #require(penalized.metrics["l1"]) < 0.9 * plain.metrics["l1"]!)
    }

    @Test("teacher–student data trains above chance")
    func teacherStudent() throws {
        var config = TrialConfig()
        config.problem = .teacherStudent
        config.dimension = 10
        config.samples = 1000
        config.testSamples = 500
        config.widths = [32]
        config.optimizer = .momentum
        config.batchSize = 50
        config.learningRate = 0.05
        config.steps = 200
        config.curvePoints = 0
        let result = try runTrial(config, seed: 1)
        #expect(try #require(result.metrics["accuracy"]) > 0.5)
    }

    @Test("the digits directory defaults to the repository's copy")
    func defaultLocation() throws {
        var config = digitsConfig(steps: 1)
        config.data = nil
        #expect(try runTrial(config, seed: 1).status == .completed)
    }

    @Test("classification fields decode from snake_case and are checked", arguments: [
        (#"{"problem": "digits", "widths": [0]}"#, "widths"),
        (#"{"problem": "digits", "prune_sparsities": [1.5]}"#, "prune_sparsities"),
        (#"{"problem": "digits", "l1_penalty": -1}"#, "l1_penalty"),
        (#"{"problem": "digits", "parameterization": "hadamard", "depth": 3}"#, "parameterization"),
        (#"{"problem": "digits", "regularizer": "compatible"}"#, "regularizer"),
        (#"{"problem": "teacher-student", "data": "/tmp"}"#, "data"),
    ])
    func fieldChecks(json: String, field: String) throws {
        let config = try JSONDecoder().decode(TrialConfig.self, from: Data(json.utf8))
        #expect {
            try config.validate()
        } throws: { error in
            guard case let .invalidField(name, _, _) = error as? CoreError else { return false }
            return name == field
        }
    }

    @Test("widths, prune_sparsities and l1_penalty round-trip; absent they are nil and take their defaults")
    func decoding() throws {
        let json = #"{"problem": "digits", "widths": [64, 32], "prune_sparsities": [0.9], "l1_penalty": 0.001}"#
        let config = try JSONDecoder().decode(TrialConfig.self, from: Data(json.utf8))
        #expect(config.widths == [64, 32] && config.pruneSparsities == [0.9] && config.l1Penalty == 0.001)
        #expect(try JSONDecoder().decode(TrialConfig.self, from: try JSONEncoder().encode(config)) == config)
        let plain = try JSONDecoder().decode(TrialConfig.self, from: Data(#"{"problem": "digits"}"#.utf8))
        #expect(plain.widths == nil && plain.hiddenWidths == [64])
        #expect(plain.pruningSparsities == [0.5, 0.8, 0.9, 0.95, 0.99])
        #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("widths"))
        let defaults = #"{"problem": "digits", "widths": [64], "prune_sparsities": [0.5, 0.8, 0.9, 0.95, 0.99], "l1_penalty": 0}"#
        #expect(try JSONDecoder().decode(TrialConfig.self, from: Data(defaults.utf8)) == plain)
        var assigned = plain
        assigned.widths = [64]
        assigned.l1Penalty = 0
        #expect(assigned == plain && assigned.widths == nil && assigned.l1Penalty == nil)
    }
}
