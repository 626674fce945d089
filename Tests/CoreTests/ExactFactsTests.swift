import Core
import Foundation
import Testing

/// Facts 1, 2 and 6 of RESEARCH.md. Each tolerance is the discretization error of GD against the
/// gradient flow, accumulated from the gradients g_s actually seen (recovered from L_t):
/// - balance of x = m ⊙ w: one step maps a to ((1 − ηλ)² − η²g²)·a while the flow gives a·e^{−2ηλ},
///   a relative gap of η²(λ² + g²) + O(η³) per step, so the bound is 2·Σ_s η²(λ² + g_s²);
/// - mirror identity of x = m ⊙ w: u and v scale by (1 ∓ ηg) per step, so ½·log(u/v) moves by
///   ½[log(1 − ηg) − log(1 + ηg)] = −ηg − (ηg)³/3 − …; the bound is Σ_s (η|g_s|)³;
/// - x = u² − v²: uv scales by (1 − ηλ)² − 4η²g² (bound 2·Σ_s η²(λ² + 4g_s²)), and ¼·log(u/v)
///   moves by −ηg − (2ηg)³/12 − … (bound Σ_s (2η|g_s|)³).
@Suite("Exact facts of the mirror flow")
struct ExactFactsTests {
    @Test("Balance: m² − w² = a₀·e^{−2Λ_t} under constant weight decay (η = 1e-3, a₀ = 100)")
    func maskWeightBalance() throws {
        let eta = 1e-3, lambda = 0.5, a0 = 100.0, steps = 2000
        let config = regressionConfig(initScale: a0, learningRate: eta, weightDecay: lambda, steps: steps)
        let trainer = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1, recordsGradientIntegral: true)
        var bound = [Double](repeating: 0, count: 100)
        stepOneByOne(trainer, to: steps) { g in
            for i in bound.indices { bound[i] += 2 * eta * eta * (lambda * lambda + g[i] * g[i]) }
        }
        #expect(abs(trainer.lambdaIntegral - eta * lambda * Double(steps)) <= 1e-12)
        let predicted = a0 * exp(-2 * trainer.lambdaIntegral)
        #expect(predicted < 0.2 * a0)
        let m = trainer.factor(0), w = trainer.factor(1)
        var worst = 0.0
        for i in 0..<100 {
            let relative = abs((m[i] * m[i] - w[i] * w[i]) / predicted - 1)
            #expect(relative <= bound[i] + 1e-12)
            worst = max(worst, relative)
        }
        // O(η): the λ² part of the bound alone is η·(ηT)·λ² = 5e-4 here.
        #expect(worst <= 1e-3)
    }

    @Test("Mirror identity: ½[arcsinh(2x/a) − log(u₀/v₀)] = −L_t at λ = 0")
    func maskWeightMirror() throws {
        let eta = 1e-3, steps = 2000
        let config = regressionConfig(learningRate: eta, steps: steps)
        let trainer = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1, recordsGradientIntegral: true)
        let m0 = trainer.factor(0), w0 = trainer.factor(1)
        var bound = [Double](repeating: 0, count: 100)
        stepOneByOne(trainer, to: steps) { g in
            for i in bound.indices { bound[i] += pow(eta * abs(g[i]), 3) }
        }
        let x = trainer.x, m = trainer.factor(0), w = trainer.factor(1)
        let integral = try #require(trainer.gradientIntegral)
        #expect(integral.map(abs).max()! > 0.1)
        for i in 0..<100 {
            let a = m[i] * m[i] - w[i] * w[i]
            let logRatio = log((m0[i] + w0[i]) / (m0[i] - w0[i]))
            let lhs = 0.5 * (asinh(2 * x[i] / a) - logRatio)
            #expect(abs(lhs + integral[i]) <= bound[i] + 1e-12 * (1 + abs(integral[i])))
        }
    }

    @Test("x = u² − v²: uv = α²·e^{−2Λ_t} under weight decay")
    func differenceOfSquaresBalance() throws {
        let eta = 1e-3, lambda = 0.5, a0 = 1.0, steps = 2000
        let config = regressionConfig(.diffOfPowers, initScale: a0, learningRate: eta, weightDecay: lambda, steps: steps)
        let trainer = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1, recordsGradientIntegral: true)
        var bound = [Double](repeating: 0, count: 100)
        stepOneByOne(trainer, to: steps) { g in
            for i in bound.indices { bound[i] += 2 * eta * eta * (lambda * lambda + 4 * g[i] * g[i]) }
        }
        let predicted = a0 / 2 * exp(-2 * trainer.lambdaIntegral)
        let u = trainer.factor(0), v = trainer.factor(1)
        for i in 0..<100 {
            #expect(abs(u[i] * v[i] / predicted - 1) <= bound[i] + 1e-12)
        }
    }

    @Test("x = u² − v²: ¼·arcsinh(x/a_t) = −L_t with a_t = 2uv at λ = 0")
    func differenceOfSquaresMirror() throws {
        let eta = 1e-3, steps = 2000
        let config = regressionConfig(.diffOfPowers, learningRate: eta, steps: steps)
        let trainer = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1, recordsGradientIntegral: true)
        var bound = [Double](repeating: 0, count: 100)
        stepOneByOne(trainer, to: steps) { g in
            for i in bound.indices { bound[i] += pow(2 * eta * abs(g[i]), 3) }
        }
        let x = trainer.x, u = trainer.factor(0), v = trainer.factor(1)
        let integral = try #require(trainer.gradientIntegral)
        #expect(integral.map(abs).max()! > 0.1)
        for i in 0..<100 {
            let lhs = 0.25 * asinh(x[i] / (2 * u[i] * v[i]))
            #expect(abs(lhs + integral[i]) <= bound[i] + 1e-12 * (1 + abs(integral[i])))
        }
    }
}
