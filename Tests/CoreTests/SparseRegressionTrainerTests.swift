import Core
import Testing

@Suite("SparseRegressionTrainer")
struct SparseRegressionTrainerTests {
    @Test("Same config and seed give bit-identical x, metrics and curves; another seed differs")
    func determinism() throws {
        var config = regressionConfig(weightDecay: 0.05, schedule: .offAt(step: 300), steps: 1000)
        config.dataSeed = nil
        config.testSamples = 50
        config.curvePoints = 10
        let a = try runTrial(config, seed: 11), b = try runTrial(config, seed: 11)
        #expect(bits(a.x) == bits(b.x))
        #expect(bits(a.metrics) == bits(b.metrics))
        #expect(a.curves == b.curves)
        let c = try runTrial(config, seed: 12)
        #expect(bits(a.x) != bits(c.x))
    }

    @Test("A huge learning rate diverges at a recorded step without crashing")
    func divergence() throws {
        var config = regressionConfig(learningRate: 50, steps: 1000)
        config.curvePoints = 10
        let result = try runTrial(config, seed: 1)
        #expect(result.status == .diverged)
        let step = try #require(result.divergedAt)
        #expect(step > 0 && step < 1000)
        #expect(result.steps == step)
        #expect(result.x.isEmpty)
        #expect(result.metrics.values.allSatisfy { $0.isFinite })
        #expect(result.metrics["steps"] == Double(step))
        #expect(result.curves.allSatisfy { $0.step < step })
    }

    @Test("Final metric keys are exactly the documented ones")
    func metricKeys() throws {
        var config = regressionConfig(steps: 10)
        config.testSamples = 20
        config.thresholds = [1e-3, 0.1]
        let keys = Set(try runTrial(config, seed: 1).metrics.keys)
        let common: Set = [
            "train_loss", "recovery_error", "generalization_error", "test_mse", "l1", "l2", "nonzeros", "sparsity",
            "nonzeros@0.001", "sparsity@0.001", "nonzeros@0.1", "sparsity@0.1",
            "lambda_integral", "final_weight_decay", "steps", "support_margin", "support_lost",
        ]
        // λ = 0 ends at zero: the switched-off prediction is reported.
        #expect(keys == common.union(["a_min", "a_median", "a_max", "bias_gap", "predicted_recovery_error"]))
        config.parameterization = .direct
        config.depth = 1
        let direct = try runTrial(config, seed: 1)
        #expect(Set(direct.metrics.keys) == common)

        var data = regressionData()
        data.truth = nil
        let trainer = try SparseRegressionTrainer(config: regressionConfig(steps: 10), data: data, seed: 1)
        trainer.advance(to: 10)
        let bare = Set(trainer.metrics().keys)
        #expect(bare.isDisjoint(with: ["recovery_error", "generalization_error", "test_mse", "support_margin", "support_lost"]))
        #expect(bare.contains("a_median"))
    }

    @Test("Metric values agree with x and with each other")
    func metricValues() throws {
        var config = regressionConfig(weightDecay: 0.05, schedule: .offAt(step: 500), steps: 800)
        config.testSamples = 30
        config.thresholds = [1e-3, 0.1]
        let result = try runTrial(config, seed: 1)
        let m = result.metrics, x = result.x
        let truth = try #require(regressionData().truth)
        let squared = zip(x, truth).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        #expect(abs(m["generalization_error"]! - squared) <= 1e-12)
        #expect(abs(m["recovery_error"]! - squared.squareRoot()) <= 1e-12)
        #expect(abs(m["l1"]! - x.reduce(0) { $0 + abs($1) }) <= 1e-12)
        #expect(m["nonzeros@0.1"]! == Double(x.filter { abs($0) > 0.1 }.count))
        #expect(m["nonzeros"]! == m["nonzeros@0.001"]!)
        #expect(m["sparsity"]! == 1 - m["nonzeros"]! / 100)
        #expect(m["a_min"]! <= m["a_median"]! && m["a_median"]! <= m["a_max"]!)
        #expect(abs(m["lambda_integral"]! - 0.02 * 0.05 * 500) <= 1e-12)
        #expect(m["final_weight_decay"]! == 0)
        #expect(m["steps"]! == 800)
        #expect(m["test_mse"]! > 0)
    }

    @Test("Curves sit at the log-spaced steps and carry the documented keys")
    func curves() throws {
        var config = regressionConfig(weightDecay: 0.05, schedule: .offAt(step: 100), steps: 1000)
        config.curvePoints = 12
        let result = try runTrial(config, seed: 1)
        #expect(result.curves.map(\.step) == curveSteps(points: 12, steps: 1000))
        for point in result.curves {
            #expect(Set(point.metrics.keys) == ["train_loss", "recovery_error", "l1", "nonzeros", "support_margin", "lambda_integral", "weight_decay"])
            #expect(point.metrics["weight_decay"] == (point.step < 100 ? 0.05 : 0))
            #expect(abs(point.metrics["lambda_integral"]! - 0.02 * 0.05 * Double(min(point.step, 100))) <= 1e-12)
        }
        #expect(result.curves.first!.metrics["l1"] == 0)
        #expect(result.curves.last!.metrics["train_loss"] == result.metrics["train_loss"])
    }

    @Test("Advancing in pieces equals advancing at once")
    func pieces() throws {
        var config = regressionConfig(weightDecay: 0.05, steps: 600)
        config.curvePoints = 8
        let whole = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1)
        whole.advance(to: 600)
        let split = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1)
        for target in [1, 7, 250, 599, 600, 900] { split.advance(to: target) }
        #expect(split.step == 600)
        #expect(bits(split.x) == bits(whole.x))
        #expect(split.curves == whole.curves)
    }
}
