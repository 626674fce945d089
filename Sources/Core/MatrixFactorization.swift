import CKernels

/// How X is built from the d × d factors of a matrix model, its gradients, and their balance.
///
/// The factors live in one flat buffer of `factorCount × d²` doubles, each factor row-major at
/// offset index·d²:
///
/// | model | factors | X | ∂f/∂factor for G = ∇_X f |
/// | --- | --- | --- | --- |
/// | direct | W | W | G |
/// | uu | U | U Uᵀ | (G + Gᵀ) U |
/// | uv | U, V | U Vᵀ | G V, Gᵀ U |
/// | deep | W_1 … W_L | W_L ⋯ W_1 | (W_L ⋯ W_{l+1})ᵀ G (W_{l−1} ⋯ W_1)ᵀ |
/// | lora | B, A (d × r) | W₀ + B Aᵀ | G A, Gᵀ B (``LoRAFactorization``) |
///
/// Every factor starts with entries α·N(0, 1)/√d (α = `init_scale`), drawn in factor order, each
/// factor row by row (lora: see ``LoRAFactorization``; `factor_init: identity`: U₀ = √α·I, V₀ = 0).
/// Owns its scratch buffers: computing X or the gradients allocates nothing.
final class MatrixFactorization {
    let model: MatrixModelKind
    let dimension: Int
    /// L for deep; 1 for direct and uu; 2 for uv and lora.
    let factorCount: Int
    /// The number of trained entries: factorCount·d², or 2·d·r for lora.
    let parameterCount: Int
    /// The thin factors and frozen base of a lora model; nil for the others.
    let lora: LoRAFactorization?
    /// Whether ∇_X f is known to be symmetric (a packed ``SensingDesign``).
    let symmetricGradient: Bool
    /// The instruction set of the matrix products.
    let isa: ck_isa
    /// deep: the prefix products P_l = W_l ⋯ W_1 for l = 1 … L − 1, then two buffers for S_lᵀ G.
    /// uu with a general gradient: G + Gᵀ.
    private let scratch: UnsafeMutableBufferPointer<Double>

    /// `lora` must be given exactly for model lora.
    init(model: MatrixModelKind, dimension d: Int, depth: Int, symmetricGradient: Bool, lora: LoRAFactorization?, isa: ck_isa) {
        precondition((model == .lora) == (lora != nil), "a LoRAFactorization is needed exactly for model lora")
        self.model = model
        self.lora = lora
        self.isa = isa
        dimension = d
        self.symmetricGradient = symmetricGradient
        switch model {
        case .direct, .uu: factorCount = 1
        case .uv, .lora: factorCount = 2
        case .deep: factorCount = depth
        }
        parameterCount = lora?.parameterCount ?? factorCount * d * d
        let buffers: Int
        switch model {
        case .direct, .uv, .lora: buffers = 0
        case .uu: buffers = symmetricGradient ? 0 : 1
        case .deep: buffers = depth + 1
        }
        scratch = .allocate(capacity: buffers * d * d)
        scratch.initialize(repeating: 0)
    }

    deinit { scratch.deallocate() }

    /// Draws the initial factors into `factors` from `rng` (`identity`: U₀ = √scale·I, V₀ = 0, drawing nothing).
    func initialize(_ factors: UnsafeMutableBufferPointer<Double>, scale: Double, kind: FactorInitKind, rng: inout Xoshiro256StarStar) {
        if let lora {
            lora.initialize(factors, scale: scale, rng: &rng)
            return
        }
        switch kind {
        case .gaussian:
            let s = scale / Double(dimension).squareRoot()
            for k in factors.indices { factors[k] = s * rng.nextNormal() }
        case .identity:
            let d = dimension, s = scale.squareRoot()
            factors.update(repeating: 0)
            for j in 0..<d { factors[j * d + j] = s }
        }
    }

    /// Writes X built from `factors` into `x` (d² doubles).
    func product(_ factors: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        let d = dimension, size = d * d
        switch model {
        case .direct:
            x.update(from: factors, count: size)
        case .uu:
            gemm(false, true, 1, factors, factors, 0, x)
        case .uv:
            gemm(false, true, 1, factors, factors + size, 0, x)
        case .lora:
            lora!.product(factors, into: x)
        case .deep:
            let prefix = scratch.baseAddress!
            prefix.update(from: factors, count: size)
            for l in 1..<factorCount {
                let target = l == factorCount - 1 ? x : prefix + l * size
                gemm(false, false, 1, factors + l * size, prefix + (l - 1) * size, 0, target)
            }
        }
    }

    /// Writes ∂f/∂factor for every factor into `gradients` (laid out like the factors), given
    /// G = ∇_X f (d × d). For deep, the prefix products must be those of the last ``product(_:into:)``
    /// call on the same factors.
    func gradients(_ factors: UnsafePointer<Double>, _ g: UnsafePointer<Double>, into gradients: UnsafeMutablePointer<Double>) {
        let d = dimension, size = d * d
        switch model {
        case .direct:
            gradients.update(from: g, count: size)
        case .uu:
            if symmetricGradient {
                gemm(false, false, 2, g, factors, 0, gradients)
            } else {
                let s = scratch.baseAddress!
                for j in 0..<d {
                    for k in 0..<d { s[j * d + k] = g[j * d + k] + g[k * d + j] }
                }
                gemm(false, false, 1, s, factors, 0, gradients)
            }
        case .uv:
            gemm(false, false, 1, g, factors + size, 0, gradients)
            gemm(true, false, 1, g, factors, 0, gradients + size)
        case .lora:
            lora!.gradients(factors, g, into: gradients)
        case .deep:
            // left_l = S_lᵀ G with S_L = I and S_{l−1}ᵀ G = W_lᵀ (S_lᵀ G); ∂f/∂W_l = left_l P_{l−1}ᵀ.
            let prefix = scratch.baseAddress!
            var left = UnsafePointer(g)
            var next = prefix + factorCount * size
            var spare = prefix + (factorCount - 1) * size
            for l in stride(from: factorCount - 1, through: 0, by: -1) {
                if l == 0 {
                    gradients.update(from: left, count: size)
                } else {
                    gemm(false, true, 1, left, prefix + (l - 1) * size, 0, gradients + l * size)
                    gemm(true, false, 1, factors + l * size, left, 0, next)
                    left = UnsafePointer(next)
                    swap(&next, &spare)
                }
            }
        }
    }

    /// ‖UᵀU − VᵀV‖_F for uv; √(Σ_l ‖W_{l+1}ᵀW_{l+1} − W_l W_lᵀ‖²_F) for deep; ‖BᵀB − AᵀA‖_F for
    /// lora; nil otherwise. All shrink as e^{−2Λ_t} under gradient flow with L2 weight decay on every factor.
    func balanceError(_ factors: UnsafePointer<Double>) -> Double? {
        if let lora { return lora.balanceError(factors) }
        let d = dimension, size = d * d
        guard model == .uv || model == .deep else { return nil }
        var a = [Double](repeating: 0, count: size)
        var sum = 0.0
        for l in 0..<(factorCount - 1) {
            let lower = factors + l * size, upper = factors + (l + 1) * size
            if model == .uv {
                gemm(true, false, 1, lower, lower, 0, &a)
                gemm(true, false, -1, upper, upper, 1, &a)
            } else {
                gemm(true, false, 1, upper, upper, 0, &a)
                gemm(false, true, -1, lower, lower, 1, &a)
            }
            sum += a.reduce(0.0) { $0 + $1 * $1 }
        }
        return sum.squareRoot()
    }

    /// C = α·op(A)·op(B) + β·C (β 0 or 1) for d × d row-major matrices, by `ck_matrix_multiply`.
    @inline(__always)
    private func gemm(
        _ transposeA: Bool, _ transposeB: Bool, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ beta: Double, _ c: UnsafeMutablePointer<Double>
    ) {
        let n = dimension
        ck_matrix_multiply(isa, transposeA ? 1 : 0, transposeB ? 1 : 0, n, n, n, alpha, a, n, b, n, beta == 0 ? 0 : 1, c, n)
    }
}
