import Core
import Foundation
import Testing

@Suite("Matrix sensing training")
struct MatrixSensingTrainerTests {
    @Test("small initialization recovers a low-rank X* (uu, λ = 0)")
    func recovery() throws {
        let config = sensingConfig(.uu, initScale: 1e-3, learningRate: 0.1, steps: 600)
        let result = try runTrial(config, seed: 1)
        #expect(result.status == .completed)
        #expect(result.x.count == 100)
        #expect(result.metrics["relative_error"]! < 1e-2)
        #expect(abs(result.metrics["effective_rank"]! - 2) < 0.5)
    }

    @Test("weight decay switched off leaves X lower in effective rank than λ = 0 (uu, large initialization)")
    func switchOffLowersEffectiveRank() throws {
        // m = 40 < d(d + 1)/2 = 55: many symmetric X interpolate, and the initialization picks one.
        let plain = sensingConfig(.uu, measurements: 40, initScale: 1, learningRate: 0.2, steps: 3000)
        var switched = plain
        switched.weightDecay = 0.2
        switched.schedule = .offAt(step: 1000)
        let a = try runTrial(plain, seed: 1), b = try runTrial(switched, seed: 1)
        #expect(a.metrics["train_loss"]! < 1e-4 && b.metrics["train_loss"]! < 1e-6)
        #expect(b.metrics["effective_rank"]! < a.metrics["effective_rank"]! - 0.5)
        #expect(b.metrics["relative_error"]! < 0.1 * a.metrics["relative_error"]!)
        #expect(b.metrics["final_weight_decay"] == 0)
        #expect(abs(b.metrics["lambda_integral"]! - 0.2 * 0.2 * 1000) < 1e-9)
    }

    @Test("balance: UᵀU − VᵀV and W_{l+1}ᵀW_{l+1} − W_l W_lᵀ shrink as e^{−2Λ_t} (η = 1e-3)",
          arguments: [(MatrixModelKind.uv, 2, WeightDecaySchedule.constant), (.uv, 2, .cosine(end: nil)), (.deep, 3, .constant)])
    func balance(model: MatrixModelKind, depth: Int, schedule: WeightDecaySchedule) throws {
        let eta = 1e-3, lambda = 0.5, steps = 4000
        let config = sensingConfig(model, dimension: 6, rank: 2, measurements: 40, depth: depth, initScale: 0.5,
                                   learningRate: eta, weightDecay: lambda, schedule: schedule, steps: steps)
        let trainer = try MatrixSensingTrainer(config: config, data: sensingData(config), seed: 5)
        func imbalance() -> [[Double]] {
            (0..<(trainer.factorCount - 1)).map { l in
                let lower = trainer.factor(l), upper = trainer.factor(l + 1)
                return model == .uv
                    ? difference(plainProduct(lower, lower, dimension: 6, transposeFirst: true), plainProduct(upper, upper, dimension: 6, transposeFirst: true))
                    : difference(plainProduct(upper, upper, dimension: 6, transposeFirst: true), plainProduct(lower, lower, dimension: 6, transposeFirst: false))
            }
        }
        let start = imbalance()
        trainer.advance(to: steps)
        #expect(trainer.status == .completed)
        let expectedIntegral = (0..<steps).reduce(0.0) { $0 + eta * lambda * schedule.factor(at: $1, totalSteps: steps) }
        #expect(abs(trainer.lambdaIntegral - expectedIntegral) < 1e-9)
        // Flow: e^{−2Λ_t}. GD: each step multiplies by (1 − ηλ_t)², up to η² terms in the loss gradient.
        let decay = exp(-2 * trainer.lambdaIntegral)
        let discrete = (0..<steps).reduce(1.0) { f, t in
            let shrink = 1 - eta * lambda * schedule.factor(at: t, totalSteps: steps)
            return f * shrink * shrink
        }
        #expect(decay < 0.2)
        for (a0, a) in zip(start, imbalance()) {
            #expect(frobenius(a0) > 0.1)
            let flowGap = frobenius(difference(a, a0.map { $0 * decay })) / (frobenius(a0) * decay)
            let stepGap = frobenius(difference(a, a0.map { $0 * discrete })) / (frobenius(a0) * discrete)
            #expect(flowGap < 5e-3, "relative gap to the flow \(flowGap)")
            #expect(stepGap < 2e-3, "relative gap to GD's factor \(stepGap)")
        }
    }

    @Test("balance is conserved at λ = 0 (uv, η = 1e-3)")
    func conservation() throws {
        let config = sensingConfig(.uv, dimension: 6, measurements: 40, initScale: 0.5, learningRate: 1e-3, steps: 2000)
        let trainer = try MatrixSensingTrainer(config: config, data: sensingData(config), seed: 5)
        let before = trainer.metrics()["balance_error"]!
        let initialLoss = trainer.trainLoss()
        trainer.advance(to: 2000)
        #expect(trainer.trainLoss() < 0.5 * initialLoss)
        #expect(abs(trainer.metrics()["balance_error"]! / before - 1) < 1e-3)
    }

    @Test("same config and seed give bit-identical results; another seed another initialization",
          arguments: [MatrixModelKind.direct, .uu, .uv, .deep])
    func determinism(model: MatrixModelKind) throws {
        var config = sensingConfig(model, dimension: 5, rank: 1, measurements: 20, depth: 3, initScale: 0.3,
                                   learningRate: 0.02, weightDecay: 0.01, schedule: .cosine(end: nil), steps: 200)
        config.curvePoints = 8
        config.optimizer = .momentum
        let a = try runTrial(config, seed: 7), b = try runTrial(config, seed: 7), c = try runTrial(config, seed: 8)
        #expect(a.status == .completed && a.x.count == 25)
        #expect(bits(a.x) == bits(b.x))
        #expect(bits(a.metrics) == bits(b.metrics))
        #expect(a.curves == b.curves)
        #expect(a.curves.map(\.step) == curveSteps(points: 8, steps: 200))
        #expect(bits(a.x) != bits(c.x))
    }

    @Test("the curves hold the documented metrics and the loss falls")
    func curves() throws {
        var config = sensingConfig(.uu, initScale: 1e-2, learningRate: 0.1, weightDecay: 1e-3, steps: 300)
        config.curvePoints = 10
        let result = try runTrial(config, seed: 1)
        let keys: Set<String> = ["train_loss", "relative_error", "effective_rank", "nuclear_norm", "lambda_integral", "weight_decay"]
        #expect(result.curves.allSatisfy { Set($0.metrics.keys) == keys })
        #expect(result.curves.last!.metrics["train_loss"]! < 1e-2 * result.curves.first!.metrics["train_loss"]!)
    }

    @Test("non-symmetric measurement matrices train through the full design: for uu, adding an antisymmetric part changes nothing")
    func fullDesign() throws {
        let config = sensingConfig(.uu, dimension: 5, rank: 1, measurements: 30, initScale: 0.1, learningRate: 0.05, steps: 200)
        let data = sensingData(config)
        var skewed = data
        var rng = Xoshiro256StarStar(seed: 99)
        for i in 0..<30 {
            for j in 0..<5 {
                for k in (j + 1)..<5 {
                    let s = rng.nextNormal()
                    skewed.sensing[i * 25 + j * 5 + k] += s
                    skewed.sensing[i * 25 + k * 5 + j] -= s
                }
            }
        }
        #expect(!skewed.isSymmetric)
        let packed = try MatrixSensingTrainer(config: config, data: data, seed: 1)
        let full = try MatrixSensingTrainer(config: config, data: skewed, seed: 1)
        packed.advance(to: 200)
        full.advance(to: 200)
        #expect(frobenius(difference(packed.x, full.x)) < 1e-9 * frobenius(packed.x))
        #expect(abs(packed.trainLoss() - full.trainLoss()) < 1e-9)
    }

    @Test("divergence ends the trial with its step, an empty x and finite metrics only")
    func divergence() throws {
        let config = sensingConfig(.uu, initScale: 1, learningRate: 50, steps: 500)
        let result = try runTrial(config, seed: 1)
        #expect(result.status == .diverged)
        let step = try #require(result.divergedAt)
        #expect(step > 0 && step < 500 && result.steps == step)
        #expect(result.x.isEmpty)
        #expect(result.metrics.values.allSatisfy { $0.isFinite })
    }

    @Test("validation names the field and what is allowed")
    func validation() {
        var config = sensingConfig(.uu, initScale: 1, learningRate: 0.1, steps: 1)
        config.rank = 11
        expectCoreError(containing: ["'rank'", "1 to dimension (10)"]) { () throws(CoreError) in try config.validate() }
        config = sensingConfig(.deep, depth: 1, initScale: 1, learningRate: 0.1, steps: 1)
        expectCoreError(containing: ["'depth'", "≥ 2 for model deep"]) { () throws(CoreError) in try config.validate() }
        config = sensingConfig(.uu, measurements: 0, initScale: 1, learningRate: 0.1, steps: 1)
        expectCoreError(containing: ["'measurements'", "≥ 1"]) { () throws(CoreError) in try config.validate() }
        config = sensingConfig(.uu, initScale: 1, learningRate: 0.1, steps: 1)
        config.optimizer = .sgd
        expectCoreError(containing: ["'optimizer'", "gd or momentum"]) { () throws(CoreError) in try config.validate() }
        config.optimizer = .gd
        config.regularizer = .compatible
        expectCoreError(containing: ["'regularizer'", "l2 for matrix-sensing"]) { () throws(CoreError) in try config.validate() }
        config.regularizer = .l2
        config.sparsity = 50
        config.parameterization = .direct
        #expect(throws: Never.self) { try config.validate() }
    }

    @Test("a decoded matrix-sensing config without dimension takes d = 10")
    func decodedDefaults() throws {
        let json = #"{"problem": "matrix-sensing", "model": "deep", "depth": 3}"#
        let config = try JSONDecoder().decode(TrialConfig.self, from: Data(json.utf8))
        #expect(config.dimension == 10 && config.rank == 2 && config.measurements == 120)
        #expect(config.model == .deep && config.depth == 3)
        #expect(try JSONDecoder().decode(TrialConfig.self, from: Data("{}".utf8)).dimension == 100)
    }
}
