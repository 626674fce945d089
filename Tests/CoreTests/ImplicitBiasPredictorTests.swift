import Core
import Foundation
import Testing

/// ``ImplicitBiasPredictor`` against scipy's solutions of the seed-5 problem (d = 100, n = 40,
/// k = 5), written by scripts/fixtures/implicit_bias.py, and against real trials.
@Suite("Implicit-bias predictor")
struct ImplicitBiasPredictorTests {
    struct Fixture: Decodable {
        struct Solution: Decodable { let x: [Double] }
        struct Interpolant: Decodable {
            let scale: Double
            let x: [Double]
        }
        struct Lasso: Decodable {
            let penalty: Double
            let x: [Double]
        }
        let seed: UInt64
        let samples: Int
        let dimension: Int
        let design_sum: Double
        let labels_sum: Double
        let basis_pursuit: Solution
        let interpolants: [Interpolant]
        let lassos: [Lasso]
    }

    static func fixture() throws -> (Fixture, RegressionData) {
        let url = try #require(Bundle.module.url(forResource: "implicit_bias", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let data = RegressionData.generate(
            samples: fixture.samples, dimension: fixture.dimension, sparsity: 5, noise: 0, testSamples: 0, seed: fixture.seed)
        #expect(abs(data.design.reduce(0, +) - fixture.design_sum) <= 1e-9)
        #expect(abs(data.labels.reduce(0, +) - fixture.labels_sum) <= 1e-9)
        return (fixture, data)
    }

    static func interpolant(_ data: RegressionData, scale: Double) throws -> [Double] {
        let x = ImplicitBiasPredictor.entropyInterpolant(
            design: data.design, labels: data.labels, samples: data.samples, dimension: data.dimension,
            scale: [Double](repeating: scale, count: data.dimension))
        return try #require(x, "no solution at c = \(scale)")
    }

    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max()!
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// scipy minimizes the primal (trust-exact over the null space of Z); the core solves the dual
    /// by Newton's method. They agree to 1e-9 (measured 4e-13, 8e-10, 4e-11 at c = 0.5, 1e-3, 1e-6).
    @Test("the R_c-minimal interpolant equals scipy's primal solution (c = 0.5, 1e-3, 1e-6)")
    func entropyInterpolants() throws {
        let (fixture, data) = try Self.fixture()
        #expect(fixture.interpolants.map(\.scale) == [0.5, 1e-3, 1e-6])
        for expected in fixture.interpolants {
            let x = try Self.interpolant(data, scale: expected.scale)
            #expect(Self.maxDifference(x, expected.x) <= 1e-8, "c = \(expected.scale)")
        }
    }

    /// As c → 0 the interpolant tends to basis pursuit (scipy's linear program); at c = 1e-30 the
    /// measured gap is 2e-12, while at c = 0.5 it is 1.5 (the dense, L2-like end).
    @Test("c → 0: the interpolant is basis pursuit")
    func basisPursuitLimit() throws {
        let (fixture, data) = try Self.fixture()
        let tiny = try Self.interpolant(data, scale: 1e-30)
        #expect(Self.maxDifference(tiny, fixture.basis_pursuit.x) <= 1e-8)
        let gaps = try [0.5, 1e-3, 1e-6].map { Self.distance(try Self.interpolant(data, scale: $0), fixture.basis_pursuit.x) }
        #expect(gaps[0] > 1 && gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] > 1e-4)
    }

    @Test("the lasso equals scipy's (L-BFGS-B, then proximal gradient) at penalties 0.01 and 0.05")
    func lasso() throws {
        let (fixture, data) = try Self.fixture()
        #expect(fixture.lassos.count == 2)
        for expected in fixture.lassos {
            let solution = ImplicitBiasPredictor.lasso(
                design: data.design, labels: data.labels, samples: data.samples, dimension: data.dimension, penalty: expected.penalty)
            let x = try #require(solution, "no lasso at penalty \(expected.penalty)")
            #expect(Self.maxDifference(x, expected.x) <= 1e-9, "penalty \(expected.penalty)")
        }
    }

    /// λ = 0.05 off at step 2000 (Λ_∞ = 2, a_∞ = e^{−4}), 2·10⁴ GD steps at η = 0.02 from m₀ = 1:
    /// the run interpolates and lands on x_pred to 3.5e-4 (‖x‖₂ = 1.86), with the recovery error
    /// predicted to 3 digits (0.3454 vs 0.3457). The prediction for the same data at Λ = 0 is 1.2
    /// away, so the gap is far below the difference the theory is about.
    @Test("a switched-off trial lands on the predicted interpolant (bias_gap small)",
          arguments: [ParameterizationKind.maskWeight, .diffOfPowers])
    func switchedOffTrial(parameterization: ParameterizationKind) throws {
        let config = regressionConfig(parameterization, weightDecay: 0.05, schedule: .offAt(step: 2000), steps: 20_000)
        let m = try runTrial(config, seed: 1).metrics
        #expect(m["train_loss"]! < 1e-8)
        #expect(m["bias_gap"]! <= 1e-3 * m["l2"]!)
        #expect(abs(m["predicted_recovery_error"]! - m["recovery_error"]!) <= 1e-3)
        #expect(m["lasso_gap"] == nil)
        let unregularized = try runTrial(regressionConfig(parameterization, steps: 20_000), seed: 1).metrics
        #expect(abs(unregularized["predicted_recovery_error"]! - m["predicted_recovery_error"]!) >= 1000 * m["bias_gap"]!)
    }

    /// Constant λ = 0.05 on x = m ⊙ w: GD settles at the lasso with penalty λ (2.7e-5 away after
    /// 2·10⁴ steps) and keeps a loss of 6e-3; no interpolant is predicted.
    @Test("constant weight decay settles at the lasso with penalty λ (lasso_gap small)")
    func constantWeightDecayTrial() throws {
        let m = try runTrial(regressionConfig(weightDecay: 0.05, steps: 20_000), seed: 1).metrics
        #expect(m["lasso_gap"]! <= 1e-3)
        #expect(m["bias_gap"] == nil && m["predicted_recovery_error"] == nil)
        #expect(m["train_loss"]! > 1e-3)
        let data = regressionData()
        let solution = ImplicitBiasPredictor.lasso(design: data.design, labels: data.labels, samples: 40, dimension: 100, penalty: 0.025)
        let lasso = try #require(solution)
        let x = try runTrial(regressionConfig(weightDecay: 0.05, steps: 20_000), seed: 1).x
        #expect(Self.distance(x, lasso) >= 100 * m["lasso_gap"]!)
    }

    @Test("no prediction where the theory gives none: direct with l2, hadamard-3 with l2, λ_t ≠ 0 at the end")
    func noPrediction() throws {
        var direct = regressionConfig(.direct, depth: 1, weightDecay: 0.05, steps: 10)
        direct.regularizer = .l2
        let deep = regressionConfig(.hadamard, depth: 3, weightDecay: 0.05, schedule: .offAt(step: 5), steps: 10)
        let stillOn = regressionConfig(weightDecay: 0.05, schedule: .linear(end: 20), steps: 10)
        for config in [direct, deep, stillOn] {
            let m = try runTrial(config, seed: 1).metrics
            #expect(m["bias_gap"] == nil && m["predicted_recovery_error"] == nil && m["lasso_gap"] == nil)
        }
    }
}
