import CKernels

/// One optimizer step on the factors of a ``Parameterization``, given ∇f(x).
///
/// For every factor θ: G = ∂f/∂θ (the chain rule through x) + the weight-decay term, where
/// - `l2` adds λ_t·θ (penalty (λ_t/2)·Σθ²);
/// - `compatible` adds (λ_t·L/2)·|θ|^{L−1}·sign(θ) (penalty (λ_t/2)·Σ|θ|^L, the mirror-flow-compatible
///   regularizer); at L = 2 it is bit for bit the `l2` term, at L = 1 (direct) it is (λ_t/2)·sign(θ).
///
/// Plain (S)GD then sets θ ← θ − ηG; heavy ball sets v ← μv + G, θ ← θ − ηv. Every new factor is
/// computed from the old ones, and x is rewritten from the new factors in the same pass.
struct FactorStep {
    let parameterization: Parameterization
    /// The kernels of the plain L2 case of x = p ⊙ q.
    let kernels: LeastSquaresGradient
    let dimension: Int
    /// η.
    let learningRate: Double
    /// λ_t.
    let weightDecay: Double
    /// μ; used only when `velocity` is set.
    let momentum: Double
    /// The heavy-ball velocity, laid out like the factors; nil for plain (S)GD.
    let velocity: UnsafeMutablePointer<Double>?

    /// Whether the step on `parameterization` is exactly `ck_product_of_two_step` (x = p ⊙ q with
    /// the l2 regularizer, without momentum): the case ``apply(factors:gradient:x:scratch:)``
    /// hands to that kernel.
    static func isProductOfTwoKernel(_ parameterization: Parameterization, momentum: Bool) -> Bool {
        let kind = parameterization.kind
        return !momentum && parameterization.regularizer == .l2
            && (kind == .maskWeight || (kind == .hadamard && parameterization.depth == 2))
    }

    /// Applies the step to `factors` and rewrites `x`; `scratch` holds at least L doubles.
    func apply(
        factors: UnsafeMutablePointer<Double>, gradient g: UnsafePointer<Double>,
        x: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        let d = dimension
        switch parameterization.kind {
        case .direct:
            for i in 0..<d {
                move(factors, i, g[i] + decay(factors[i]))
                x[i] = factors[i]
            }
        case .maskWeight:
            productOfTwo(factors, factors + d, g, x)
        case .hadamard where parameterization.depth == 2:
            productOfTwo(factors, factors + d, g, x)
        case .hadamard:
            product(factors, g, x, scratch)
        case .diffOfPowers:
            differenceOfPowers(factors, g, x)
        }
    }

    /// x = p ⊙ q: ∂f/∂p = g·q, ∂f/∂q = g·p.
    @inline(__always)
    private func productOfTwo(
        _ p: UnsafeMutablePointer<Double>, _ q: UnsafeMutablePointer<Double>,
        _ g: UnsafePointer<Double>, _ x: UnsafeMutablePointer<Double>
    ) {
        let d = dimension
        if Self.isProductOfTwoKernel(parameterization, momentum: velocity != nil) {
            // The common case as a vector kernel: the same arithmetic as the general loop below,
            // every operation rounded separately, hence the same bits.
            ck_product_of_two_step(kernels.isa, p, q, g, x, d, learningRate, weightDecay)
            return
        }
        for i in 0..<d {
            let pi = p[i], qi = q[i]
            move(p, i, g[i] * qi + decay(pi))
            move(q, i, g[i] * pi + decay(qi), offset: d)
            x[i] = p[i] * q[i]
        }
    }

    /// x = w₁ ⊙ … ⊙ w_L: ∂f/∂w_j = g·Π_{k≠j} w_k, from prefix and suffix products (no division).
    private func product(
        _ f: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>,
        _ x: UnsafeMutablePointer<Double>, _ suffix: UnsafeMutablePointer<Double>
    ) {
        let d = dimension, depth = parameterization.depth
        for i in 0..<d {
            var s = 1.0
            for j in stride(from: depth - 1, through: 0, by: -1) {
                suffix[j] = s
                s *= f[j * d + i]
            }
            var prefix = 1.0
            var p = 1.0
            for j in 0..<depth {
                let k = j * d + i
                let old = f[k]
                move(f, k, g[i] * prefix * suffix[j] + decay(old))
                prefix *= old
                p = j == 0 ? f[k] : p * f[k]
            }
            x[i] = p
        }
    }

    /// x = u^L − v^L: ∂f/∂u = g·L·u^{L−1}, ∂f/∂v = −g·L·v^{L−1}.
    private func differenceOfPowers(
        _ f: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ x: UnsafeMutablePointer<Double>
    ) {
        let d = dimension, depth = parameterization.depth
        let scale = Double(depth)
        for i in 0..<d {
            let u = f[i], v = f[d + i]
            move(f, i, g[i] * scale * power(u, depth - 1) + decay(u))
            move(f, d + i, -g[i] * scale * power(v, depth - 1) + decay(v))
            x[i] = power(f[i], depth) - power(f[d + i], depth)
        }
    }

    /// The weight-decay term of the gradient for a factor entry θ.
    @inline(__always)
    private func decay(_ theta: Double) -> Double {
        switch parameterization.regularizer {
        case .l2:
            return weightDecay * theta
        case .compatible:
            let depth = parameterization.depth
            let c = weightDecay * Double(depth) * 0.5
            if depth == 1 { return theta > 0 ? c : (theta < 0 ? -c : 0) }
            return c * Double(signOf: theta, magnitudeOf: power(theta.magnitude, depth - 1))
        }
    }

    /// θ_k ← θ_k − η·G, or through the velocity for heavy ball. `offset` shifts k for `p` already offset.
    @inline(__always)
    private func move(_ p: UnsafeMutablePointer<Double>, _ k: Int, _ grad: Double, offset: Int = 0) {
        if let velocity {
            let v = momentum * velocity[offset + k] + grad
            velocity[offset + k] = v
            p[k] -= learningRate * v
        } else {
            p[k] -= learningRate * grad
        }
    }
}
