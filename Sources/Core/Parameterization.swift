/// How x is built from the trained factors, and how those factors start.
///
/// The factors live in one flat buffer of `factorCount × d` doubles, factor j at offset j·d:
///
/// | kind | factors | x | initialization (a₀ = `initScale`) |
/// | --- | --- | --- | --- |
/// | direct | w | w | w = 0 |
/// | mask-weight | m, w | m ⊙ w | PILoT with x_init = 0, β = a₀: m = √a₀, w = 0 |
/// | hadamard-L | w₁ … w_L | w₁ ⊙ … ⊙ w_L | w₁ = 0, w₂ … w_L = √a₀ |
/// | diff-of-powers-L | u, v | u^L − v^L | u = v = √(a₀/2), so 2u₀v₀ = a₀ |
///
/// Hadamard-2 therefore starts exactly where mask-weight starts.
struct Parameterization: Sendable {
    let kind: ParameterizationKind
    /// L, the reparameterization depth.
    let depth: Int
    let regularizer: RegularizerKind

    init(kind: ParameterizationKind, depth: Int, regularizer: RegularizerKind) {
        self.kind = kind
        self.depth = depth
        self.regularizer = regularizer
    }

    /// The number of length-d factors.
    var factorCount: Int {
        switch kind {
        case .direct: return 1
        case .maskWeight, .diffOfPowers: return 2
        case .hadamard: return depth
        }
    }

    /// Writes the initial factors (x = 0) for balance scale `scale` into `factors`.
    func initialize(_ factors: UnsafeMutableBufferPointer<Double>, dimension d: Int, scale: Double) {
        switch kind {
        case .direct:
            factors.update(repeating: 0)
        case .maskWeight:
            let (mask, weight) = pilotInitialization(x: 0, scale: scale)
            for i in 0..<d {
                factors[i] = mask
                factors[d + i] = weight
            }
        case .hadamard:
            factors.update(repeating: scale.squareRoot())
            for i in 0..<d { factors[i] = 0 }
        case .diffOfPowers:
            factors.update(repeating: (scale / 2).squareRoot())
        }
    }

    /// Writes x built from `factors` into `x`.
    func predictor(_ factors: UnsafeBufferPointer<Double>, dimension d: Int, into x: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<d {
            switch kind {
            case .direct:
                x[i] = factors[i]
            case .maskWeight, .hadamard:
                var p = factors[i]
                for j in 1..<depth { p *= factors[j * d + i] }
                x[i] = p
            case .diffOfPowers:
                x[i] = power(factors[i], depth) - power(factors[d + i], depth)
            }
        }
    }

    /// The balance quantity a of coordinate i, conserved at λ = 0 and shrinking as e^{−2Λ_t} under
    /// L2 weight decay: m² − w² (mask-weight), w₂² − w₁² (hadamard), 2uv (diff-of-powers); nil for direct.
    func balance(_ factors: UnsafeBufferPointer<Double>, dimension d: Int, coordinate i: Int) -> Double? {
        switch kind {
        case .direct:
            return nil
        case .maskWeight:
            return factors[i] * factors[i] - factors[d + i] * factors[d + i]
        case .hadamard:
            return factors[d + i] * factors[d + i] - factors[i] * factors[i]
        case .diffOfPowers:
            return 2 * factors[i] * factors[d + i]
        }
    }
}

/// θ^k for k ≥ 1 by repeated multiplication (θ^1 = θ exactly).
@inline(__always)
func power(_ theta: Double, _ k: Int) -> Double {
    var p = theta
    var j = 1
    while j < k {
        p *= theta
        j += 1
    }
    return p
}
