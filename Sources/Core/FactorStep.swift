import CKernels

/// One optimizer step on the factors of a ``Parameterization``, given ∇f(x).
///
/// For every factor θ: G = ∂f/∂θ (the chain rule through x) + the weight-decay term, where
/// - `l2` adds λ_t·θ (penalty (λ_t/2)·Σθ²);
/// - `compatible` adds (λ_t·L/2)·|θ|^{L−1}·sign(θ) (penalty (λ_t/2)·Σ|θ|^L; it keeps the mirror flow
///   for diff-of-powers but not for Hadamard products at L ≥ 3, docs/RESEARCH.md); at L = 2 it is bit for bit the `l2` term, at L = 1 (direct) it is (λ_t/2)·sign(θ).
///
/// Plain (S)GD then sets θ ← θ − ηG; heavy ball sets v ← μv + G, θ ← θ − ηv. Every new factor is
/// computed from the old ones, and x is rewritten from the new factors in the same pass. The
/// operations and their order are documented with the kernels in ckernels.h.
struct FactorStep {
    let parameterization: Parameterization
    /// The instruction set the kernels run on.
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

    /// The doubles of scratch ``apply(factors:gradient:x:scratch:)`` needs for `parameterization`.
    static func scratchCount(_ parameterization: Parameterization) -> Int {
        ck_hadamard_product_scratch(parameterization.factorCount)
    }

    /// Applies the step to `factors` and rewrites `x`; `scratch` holds ``scratchCount(_:)`` doubles.
    ///
    /// Every case is one fused kernel of CKernels: `ck_product_of_two_step` for
    /// ``isProductOfTwoKernel(_:momentum:)``, `ck_difference_of_powers_step` for diff-of-powers and
    /// `ck_hadamard_product_step` otherwise (direct is the product of one factor, mask-weight of two).
    func apply(
        factors: UnsafeMutablePointer<Double>, gradient g: UnsafePointer<Double>,
        x: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        let d = dimension, isa = kernels.isa
        if Self.isProductOfTwoKernel(parameterization, momentum: velocity != nil) {
            ck_product_of_two_step(isa, factors, factors + d, g, x, d, learningRate, weightDecay)
            return
        }
        let regularizer: ck_regularizer
        switch parameterization.regularizer {
        case .l2: regularizer = CK_REGULARIZER_L2
        case .compatible: regularizer = CK_REGULARIZER_COMPATIBLE
        }
        switch parameterization.kind {
        case .direct, .maskWeight, .hadamard:
            ck_hadamard_product_step(
                isa, factors, parameterization.factorCount, d, g, x, learningRate, weightDecay, regularizer, momentum,
                velocity, scratch)
        case .diffOfPowers:
            ck_difference_of_powers_step(
                isa, factors, parameterization.depth, d, g, x, learningRate, weightDecay, regularizer, momentum, velocity)
        case .str:
            preconditionFailure("str is an MLP parameterization")
        }
    }
}
