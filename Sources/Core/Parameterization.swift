import CKernels

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
/// `str` is an MLP parameterization (``MLP``); ``TrialConfig/validate()`` refuses it here.
///
/// Hadamard-2 therefore starts exactly where mask-weight starts. A start x_init ≠ 0 (depth ≤ 2)
/// keeps the same balance: ``initialize(_:dimension:scale:start:)``.
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
        case .str: preconditionFailure("str is an MLP parameterization")
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
        case .str:
            preconditionFailure("str is an MLP parameterization")
        }
    }

    /// Writes initial factors with x = `start` and balance `scale` into `factors`, coordinate by
    /// coordinate: w = x (direct); the PILoT initialization (mask-weight; hadamard-2 with w₁ = w₀,
    /// w₂ = m₀); u² − v² = x with 2uv = a₀ (diff-of-powers-2), the larger of u, v from
    /// √((√(x² + a₀²) + |x|)/2) and the other as a₀/2 divided by it. Depth ≥ 3 has no closed form
    /// (``TrialConfig/validate()`` refuses it). A zero start should use
    /// ``initialize(_:dimension:scale:)``, whose bits the trials of x = 0 keep.
    func initialize(_ factors: UnsafeMutableBufferPointer<Double>, dimension d: Int, scale: Double, start: [Double]) {
        precondition(depth <= 2 && start.count == d, "a start other than 0 needs depth ≤ 2 and d entries")
        for i in 0..<d {
            let x = start[i]
            switch kind {
            case .direct:
                factors[i] = x
            case .maskWeight:
                (factors[i], factors[d + i]) = pilotInitialization(x: x, scale: scale)
            case .hadamard:
                (factors[d + i], factors[i]) = pilotInitialization(x: x, scale: scale)
            case .diffOfPowers:
                let larger = (((x * x + scale * scale).squareRoot() + abs(x)) / 2).squareRoot()
                let smaller = larger == 0 ? 0 : scale / 2 / larger
                (factors[i], factors[d + i]) = x >= 0 ? (larger, smaller) : (smaller, larger)
            case .str:
                preconditionFailure("str is an MLP parameterization")
            }
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
            case .str:
                preconditionFailure("str is an MLP parameterization")
            }
        }
    }

    /// The balance scale a of coordinate i: m² − w² (mask-weight), w₂² − w₁² (hadamard) and, for
    /// diff-of-powers, 2·M(u, v)² with M the power mean of order p = 2 − L; nil for direct.
    ///
    /// Under gradient flow, m² − w², w₂² − w₁² and 2uv (diff-of-powers at L = 2) are conserved at λ = 0
    /// and shrink as e^{−2Λ_t} under L2 weight decay. At L ≥ 3, 2uv is neither; the invariant of
    /// x = u^L − v^L is S = u^{2−L} + v^{2−L}, which is conserved at λ = 0, grows as S₀·e^{(L−2)Λ_t}
    /// under L2 weight decay and as S₀ + L(L−2)·Λ_t under the |θ|^L regularizer. The reported
    /// a = 2·(S/2)^{−2/(L−2)} is the 2uv of the balanced pair u = v with the same S: it starts at
    /// a₀ (u₀ = v₀ = √(a₀/2)), follows a₀·e^{−2Λ_t} under L2 weight decay exactly as at L = 2, and
    /// tends to 2uv as L → 2 (the power mean of order 0 is the geometric mean). Powers by `ck_exp`
    /// and `ck_log`, the same bits on every CPU.
    func balance(_ factors: UnsafeBufferPointer<Double>, dimension d: Int, coordinate i: Int) -> Double? {
        switch kind {
        case .direct:
            return nil
        case .str:
            preconditionFailure("str is an MLP parameterization")
        case .maskWeight:
            return factors[i] * factors[i] - factors[d + i] * factors[d + i]
        case .hadamard:
            return factors[d + i] * factors[d + i] - factors[i] * factors[i]
        case .diffOfPowers where depth == 2:
            return 2 * factors[i] * factors[d + i]
        case .diffOfPowers:
            let invariant = differenceOfPowersInvariant(u: factors[i], v: factors[d + i])
            return 2 * ck_exp(ck_log(invariant / 2) * (-2 / Double(depth - 2)))
        }
    }

    /// S = u^{2−L} + v^{2−L}, the quantity x = u^L − v^L conserves at λ = 0 when L ≥ 3.
    func differenceOfPowersInvariant(u: Double, v: Double) -> Double {
        1 / power(u, depth - 2) + 1 / power(v, depth - 2)
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
