import CKernels

/// The solution a sparse-regression run should reach according to the theory of RESEARCH.md.
///
/// - **Switched off** (fact 4): when λ_t → 0 with Λ_∞ < ∞, gradient flow on x = m ⊙ w converges to
///   x_∞ = argmin { R_{a∞}(x) : Zx = y } with a_∞ = a₀·e^{−2Λ_∞} and
///   R_a(x) = ½ Σ [x arcsinh(2x/a) − ½√(4x² + a²) − x log(u₀/v₀)]. With c = a/2 this is ½·R_c of
///   ``entropyInterpolant(design:labels:samples:dimension:scale:offset:)`` with offset
///   φ = log(u₀/v₀) = arcsinh(x_init/c₀), c₀ = a₀/2 (0 for a start at x = 0). Its centre
///   c∞·sinh(φ) = x_init·e^{−2Λ∞}: weight decay moves the centre of the bias from the start to 0.
///   x = u² − v² (fact 6) gives the same problem with c = a = 2uv and φ = arcsinh(x_init/a₀).
/// - **Constant λ > 0**: GD settles at a local minimum of f(x(θ)) + (λ/2)·Σθ². Minimizing the
///   penalty over the factors that give the same x turns it into a penalty on x: for x = m ⊙ w,
///   min {(m² + w²)/2 : mw = x} = |x|, so the factorized problem's minima are those of the lasso
///   f(x) + λ‖x‖₁ (``lasso(design:labels:samples:dimension:penalty:)``). The paper's α(‖m‖² + ‖w‖²)
///   is the lasso with penalty 2α.
public enum ImplicitBiasPredictor {
    /// argmin R_c(x) = Σ_i [x_i·arcsinh(x_i/c_i) − √(x_i² + c_i²) − φ_i·x_i] subject to Zx = y, for
    /// the row-major n × d design Z, scales c_i > 0 and offsets φ_i (0 when `offset` is nil).
    ///
    /// R_c is, up to a constant, the Bregman divergence D(x, x̃) of the φ = 0 function from its
    /// centre x̃ = c ⊙ sinh(φ), the unconstrained minimizer. The optimality condition
    /// arcsinh(x/c) − φ = Zᵀν makes x = c ⊙ sinh(Zᵀν + φ), and ν minimizes the convex dual
    /// D(ν) = Σ_i c_i·cosh((Zᵀν)_i + φ_i) − yᵀν, whose gradient is Zx − y and Hessian
    /// Z·diag(c ⊙ cosh(Zᵀν + φ))·Zᵀ. Newton's method from ν = 0: the full step when it
    /// halves ‖Zx − y‖₂, else a backtracking (Armijo) step on D, halved down to 1e-300 (a tiny c
    /// makes the first steps ~1/c too long); each Newton system is solved by a
    /// Cholesky factorization in plain Swift (no BLAS, so the same bits on every CPU), with a small
    /// ridge if it is singular. c·sinh and c·cosh are formed as e^{log(c/2) ± t} (`ck_exp`, `ck_log`),
    /// which neither overflows for tiny c nor depends on the CPU. Stops when
    /// ‖Zx − y‖₂ ≤ 1e-11·max(1, ‖y‖₂); nil when that takes more than 200 iterations, or an input
    /// is not finite or a c_i not positive.
    public static func entropyInterpolant(
        design: [Double], labels: [Double], samples n: Int, dimension d: Int, scale: [Double], offset: [Double]? = nil
    ) -> [Double]? {
        guard n >= 1, d >= 1, design.count == n * d, labels.count == n, scale.count == d,
              scale.allSatisfy({ $0 > 0 && $0.isFinite }), design.allSatisfy(\.isFinite), labels.allSatisfy(\.isFinite),
              offset.map({ $0.count == d && $0.allSatisfy(\.isFinite) }) ?? true
        else { return nil }
        let logHalfScale = scale.map { ck_log($0) - ck_log(2) }
        let tolerance = 1e-11 * max(1, norm(labels))

        /// x, the Hessian weights c ⊙ cosh and the residual Zx − y at ν.
        func evaluate(_ nu: [Double]) -> (x: [Double], weight: [Double], residual: [Double]) {
            var x = [Double](repeating: 0, count: d), weight = x
            for i in 0..<d {
                var t = offset?[i] ?? 0
                for k in 0..<n { t += design[k * d + i] * nu[k] }
                let plus = ck_exp(logHalfScale[i] + t), minus = ck_exp(logHalfScale[i] - t)
                x[i] = plus - minus
                weight[i] = plus + minus
            }
            var residual = [Double](repeating: 0, count: n)
            for k in 0..<n {
                var s = -labels[k]
                for i in 0..<d { s += design[k * d + i] * x[i] }
                residual[k] = s
            }
            return (x, weight, residual)
        }
        func dual(_ nu: [Double], weight: [Double]) -> Double {
            var s = 0.0
            for w in weight { s += w }
            for k in 0..<n { s -= labels[k] * nu[k] }
            return s
        }

        var nu = [Double](repeating: 0, count: n)
        var current = evaluate(nu)
        for _ in 0..<200 {
            let residualNorm = norm(current.residual)
            guard residualNorm.isFinite else { return nil }
            if residualNorm <= tolerance { return current.x }
            var hessian = [Double](repeating: 0, count: n * n)
            for k in 0..<n {
                for l in k..<n {
                    var s = 0.0
                    for i in 0..<d { s += design[k * d + i] * current.weight[i] * design[l * d + i] }
                    hessian[k * n + l] = s
                    hessian[l * n + k] = s
                }
            }
            guard let step = regularizedCholeskySolve(hessian, order: n, current.residual.map { -$0 }) else { return nil }
            let full = zip(nu, step).map { $0 + $1 }
            let trial = evaluate(full)
            if norm(trial.residual) <= 0.5 * residualNorm {
                nu = full
                current = trial
                continue
            }
            let value = dual(nu, weight: current.weight)
            var slope = 0.0
            for k in 0..<n { slope += current.residual[k] * step[k] }
            var fraction = 1.0
            var accepted: (nu: [Double], point: (x: [Double], weight: [Double], residual: [Double]))?
            while fraction >= 1e-300 {
                let candidate = zip(nu, step).map { $0 + fraction * $1 }
                let point = evaluate(candidate)
                if dual(candidate, weight: point.weight) <= value + 0.25 * fraction * slope {
                    accepted = (candidate, point)
                    break
                }
                fraction *= 0.5
            }
            guard let accepted else { return nil }
            nu = accepted.nu
            current = accepted.point
        }
        return nil
    }

    /// argmin (1/2n)‖Zx − y‖₂² + penalty·‖x‖₁ for the row-major n × d design Z and penalty > 0.
    ///
    /// Cyclic coordinate descent (coordinates in order, soft thresholding) until no coordinate
    /// moves by more than τ·(1 + ‖x‖∞), τ = 1e-10; then the support S and signs s of that point
    /// are polished by solving Z_SᵀZ_S·x_S = Z_Sᵀy − n·penalty·s (Cholesky, plain Swift), kept
    /// when the signs hold. Returns the first of the polished and the plain point at which the
    /// optimality conditions hold to 1e-9·penalty (Z_jᵀ(y − Zx)/n = penalty·sign(x_j) on the
    /// support, |Z_jᵀ(y − Zx)/n| ≤ penalty off it); else continues with τ/100, down to 1e-16; nil
    /// after that or 10⁵ sweeps. Plain Swift arithmetic: the same bits on every CPU.
    public static func lasso(design: [Double], labels: [Double], samples n: Int, dimension d: Int, penalty: Double) -> [Double]? {
        guard n >= 1, d >= 1, design.count == n * d, labels.count == n, penalty > 0, penalty.isFinite,
              design.allSatisfy(\.isFinite), labels.allSatisfy(\.isFinite)
        else { return nil }
        let count = Double(n)
        var columnScale = [Double](repeating: 0, count: d)
        for j in 0..<d {
            var s = 0.0
            for k in 0..<n { s += design[k * d + j] * design[k * d + j] }
            columnScale[j] = s / count
        }
        var x = [Double](repeating: 0, count: d)
        var residual = labels
        var sweeps = 0
        var tolerance = 1e-10
        while sweeps < 100_000 {
            var largestMove = 0.0
            for j in 0..<d where columnScale[j] > 0 {
                var correlation = 0.0
                for k in 0..<n { correlation += design[k * d + j] * residual[k] }
                let rho = columnScale[j] * x[j] + correlation / count
                let updated = softThreshold(rho, penalty) / columnScale[j]
                let move = updated - x[j]
                guard move != 0 else { continue }
                for k in 0..<n { residual[k] -= design[k * d + j] * move }
                x[j] = updated
                largestMove = max(largestMove, abs(move))
            }
            sweeps += 1
            guard largestMove <= tolerance * (1 + x.map(abs).max()!) else { continue }
            let optimal = { (candidate: [Double]) in
                lassoViolation(design: design, labels: labels, samples: n, dimension: d, penalty: penalty, candidate) <= 1e-9 * penalty
            }
            if let polished = polishLasso(design: design, labels: labels, samples: n, dimension: d, penalty: penalty, x),
               optimal(polished) {
                return polished
            }
            if optimal(x) { return x }
            guard tolerance > 1e-15 else { return nil }
            tolerance /= 100
        }
        return nil
    }

    /// x with its support re-solved exactly for the signs it has; nil when the support is empty,
    /// larger than n, singular, or a sign flips.
    static func polishLasso(
        design: [Double], labels: [Double], samples n: Int, dimension d: Int, penalty: Double, _ x: [Double]
    ) -> [Double]? {
        let support = (0..<d).filter { x[$0] != 0 }
        let m = support.count
        guard m >= 1, m <= n else { return nil }
        var gram = [Double](repeating: 0, count: m * m), rhs = [Double](repeating: 0, count: m)
        for (a, j) in support.enumerated() {
            var s = 0.0
            for k in 0..<n { s += design[k * d + j] * labels[k] }
            rhs[a] = s - Double(n) * penalty * (x[j] > 0 ? 1 : -1)
            for (b, l) in support.enumerated() where b >= a {
                var g = 0.0
                for k in 0..<n { g += design[k * d + j] * design[k * d + l] }
                gram[a * m + b] = g
                gram[b * m + a] = g
            }
        }
        guard choleskySolve(&gram, order: m, &rhs) else { return nil }
        var polished = [Double](repeating: 0, count: d)
        for (a, j) in support.enumerated() {
            guard (rhs[a] > 0) == (x[j] > 0), rhs[a] != 0 else { return nil }
            polished[j] = rhs[a]
        }
        return polished
    }

    /// The largest violation of the lasso's optimality conditions at x.
    static func lassoViolation(
        design: [Double], labels: [Double], samples n: Int, dimension d: Int, penalty: Double, _ x: [Double]
    ) -> Double {
        var residual = labels
        for k in 0..<n {
            for j in 0..<d { residual[k] -= design[k * d + j] * x[j] }
        }
        var worst = 0.0
        for j in 0..<d {
            var correlation = 0.0
            for k in 0..<n { correlation += design[k * d + j] * residual[k] }
            correlation /= Double(n)
            let violation = x[j] != 0 ? abs(correlation - penalty * (x[j] > 0 ? 1 : -1)) : max(0, abs(correlation) - penalty)
            worst = max(worst, violation)
        }
        return worst
    }

    private static func softThreshold(_ value: Double, _ threshold: Double) -> Double {
        value > threshold ? value - threshold : (value < -threshold ? value + threshold : 0)
    }

    private static func norm(_ v: [Double]) -> Double {
        var s = 0.0
        for e in v { s += e * e }
        return s.squareRoot()
    }
}
