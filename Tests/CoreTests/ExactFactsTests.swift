import Core
import Foundation
import Testing

/// Facts 1, 2, 6 and 7 of RESEARCH.md. Each tolerance is the discretization error of GD against the
/// gradient flow, accumulated from the gradients g_s actually seen (recovered from L_t):
/// - balance of x = m ⊙ w: one step maps a to ((1 − ηλ)² − η²g²)·a while the flow gives a·e^{−2ηλ},
///   a relative gap of η²(λ² + g²) + O(η³) per step, so the bound is 2·Σ_s η²(λ² + g_s²);
/// - mirror identity of x = m ⊙ w: u and v scale by (1 ∓ ηg) per step, so ½·log(u/v) moves by
///   ½[log(1 − ηg) − log(1 + ηg)] = −ηg − (ηg)³/3 − …; the bound is Σ_s (η|g_s|)³;
/// - x = u² − v²: uv scales by (1 − ηλ)² − 4η²g² (bound 2·Σ_s η²(λ² + 4g_s²)), and ¼·log(u/v)
///   moves by −ηg − (2ηg)³/12 − … (bound Σ_s (2η|g_s|)³);
/// - x = u^L − v^L at L ≥ 3: with p = 2 − L and ε = η(λ + Lg·u^{L−2}) (L2; for v, g → −g), one
///   step maps u^p to u^p·(1 − ε)^p = u^p·(1 − pε + p(p − 1)ε²/2 − …), so S = u^p + v^p moves
///   by the flow's factor e^{−pηλ} up to a relative p(p − 1)·max(ε_u², ε_v²)/2 + p²η²λ²/2; under
///   the |θ|^L regularizer ε = ηL(g + λ/2)·u^{L−2} and S moves by the flow's L(L − 2)ηλ up to
///   p(p − 1)(u^p ε_u² + v^p ε_v²)/2. Each bound below is twice the sum of these.
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

    /// Trains x = u^L − v^L (η = 1e-3, a₀ = 4, λ = 0.5 for 2000 steps: Λ = 1) step by step and
    /// returns S = u^{2−L} + v^{2−L} per coordinate at the start and end, the discretization bound
    /// of the comment above, the trainer and Λ.
    static func differenceOfPowersRun(
        depth: Int, regularizer: RegularizerKind
    ) throws -> (start: [Double], end: [Double], bound: [Double], trainer: SparseRegressionTrainer) {
        let eta = 1e-3, lambda = 0.5, steps = 2000
        var config = regressionConfig(.diffOfPowers, depth: depth, initScale: 4, learningRate: eta, weightDecay: lambda, steps: steps)
        config.regularizer = regularizer
        let trainer = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1, recordsGradientIntegral: true)
        let L = Double(depth), p = 2 - L
        func invariant() -> [Double] {
            zip(trainer.factor(0), trainer.factor(1)).map { pow($0, p) + pow($1, p) }
        }
        let start = invariant()
        var u = trainer.factor(0), v = trainer.factor(1)
        var bound = [Double](repeating: 0, count: 100)
        stepOneByOne(trainer, to: steps) { g in
            for i in bound.indices {
                let eu: Double, ev: Double
                switch regularizer {
                case .l2:
                    eu = eta * (lambda + L * g[i] * pow(u[i], L - 2))
                    ev = eta * (lambda - L * g[i] * pow(v[i], L - 2))
                    bound[i] += 2 * (abs(p * (p - 1)) / 2 * max(eu * eu, ev * ev) + p * p * eta * eta * lambda * lambda / 2)
                case .compatible:
                    eu = eta * L * (g[i] + lambda / 2) * pow(u[i], L - 2)
                    ev = eta * L * (-g[i] + lambda / 2) * pow(v[i], L - 2)
                    bound[i] += 2 * abs(p * (p - 1)) / 2 * (pow(u[i], p) * eu * eu + pow(v[i], p) * ev * ev)
                }
            }
            u = trainer.factor(0)
            v = trainer.factor(1)
        }
        return (start, invariant(), bound, trainer)
    }

    @Test("x = u^L − v^L, L ≥ 3: S = u^{2−L} + v^{2−L} = S₀·e^{(L−2)Λ} under L2; a_* = a₀·e^{−2Λ}; 2uv does not follow",
          arguments: [3, 4])
    func differenceOfPowersBalance(depth: Int) throws {
        let run = try Self.differenceOfPowersRun(depth: depth, regularizer: .l2)
        let lambdaIntegral = run.trainer.lambdaIntegral
        #expect(abs(lambdaIntegral - 1) <= 1e-12)
        let growth = exp(Double(depth - 2) * lambdaIntegral)
        var worst = 0.0
        for i in 0..<100 {
            let relative = abs(run.end[i] / (run.start[i] * growth) - 1)
            #expect(relative <= run.bound[i] + 1e-12)
            worst = max(worst, relative)
        }
        // O(η): the λ² part of the bound alone is p²·η·(ηT)·λ² = 1e-3 (L = 3), 2e-3 (L = 4) here.
        #expect(worst <= 5e-3)
        // The reported scale a = 2·(S/2)^{−2/(L−2)} follows a₀·e^{−2Λ}; its relative error is
        // 2/(L − 2) times that of S, to first order.
        let metrics = run.trainer.metrics()
        let predicted = 4 * exp(-2 * lambdaIntegral)
        let tolerance = 2 / Double(depth - 2) * 1.01 * run.bound.max()! + 1e-12
        for key in ["a_min", "a_median", "a_max"] {
            #expect(abs(metrics[key]! / predicted - 1) <= tolerance, "\(key)")
        }
        // 2uv, the quantity of L = 2, is far off the same prediction on the coordinates that moved.
        let twoUV = zip(run.trainer.factor(0), run.trainer.factor(1)).map { 2 * $0 * $1 }
        let offBy = twoUV.map { abs($0 / predicted - 1) }.max()!
        #expect(offBy >= 10 * tolerance)
    }

    @Test("x = u^L − v^L, L ≥ 3: S = u^{2−L} + v^{2−L} grows as S₀ + L(L−2)Λ under the |θ|^L regularizer", arguments: [3, 4])
    func differenceOfPowersCompatibleBalance(depth: Int) throws {
        let run = try Self.differenceOfPowersRun(depth: depth, regularizer: .compatible)
        let lambdaIntegral = run.trainer.lambdaIntegral
        let shift = Double(depth * (depth - 2)) * lambdaIntegral
        for i in 0..<100 {
            let gap = abs(run.end[i] - (run.start[i] + shift))
            #expect(gap <= run.bound[i] + 1e-12 * run.end[i])
            #expect(gap <= 2e-3 * shift)
        }
        let a = run.trainer.metrics()["a_median"]!
        let predicted = 2 * pow((run.start[0] + shift) / 2, -2 / Double(depth - 2))
        #expect(abs(a / predicted - 1) <= 1e-3)
    }

    /// Hadamard-3 from w₁ = 0, w₂ = w₃ = √a₀ (a₀ = 4), λ = 0.5 for 2000 steps at η = 1e-3 (Λ = 1):
    /// under `l2`, w₂² − w₁² = a₀·e^{−2Λ} up to the O(η) of GD (as m² − w², bound 1e-3 here); under
    /// the |θ|^L penalty its rate −λL(|w₂|^L − |w₁|^L) depends on the state and it leaves that curve.
    @Test("hadamard-3: w₂² − w₁² follows a₀·e^{−2Λ} under l2 but not under the |θ|^L regularizer")
    func hadamardCompatibleLeavesMirrorFlow() throws {
        func balance(_ regularizer: RegularizerKind) throws -> (ratio: [Double], lambdaIntegral: Double) {
            var config = regressionConfig(.hadamard, depth: 3, initScale: 4, learningRate: 1e-3, weightDecay: 0.5, steps: 2000)
            config.regularizer = regularizer
            let trainer = try SparseRegressionTrainer(config: config, data: regressionData(), seed: 1)
            trainer.advance(to: 2000)
            let w1 = trainer.factor(0), w2 = trainer.factor(1)
            let predicted = 4 * exp(-2 * trainer.lambdaIntegral)
            return ((0..<100).map { (w2[$0] * w2[$0] - w1[$0] * w1[$0]) / predicted }, trainer.lambdaIntegral)
        }
        let l2 = try balance(.l2)
        #expect(abs(l2.lambdaIntegral - 1) <= 1e-12)
        #expect(l2.ratio.allSatisfy { abs($0 - 1) <= 1e-3 })
        let compatible = try balance(.compatible)
        #expect(compatible.ratio.allSatisfy { abs($0 - 1) >= 0.1 })
    }
}
