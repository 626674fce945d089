import CKernels

/// The LoRA-style model X = W₀ + B Aᵀ of matrix sensing: a frozen d × d base W₀ and trainable
/// thin factors B, A of d × r (r = `lora_rank`), weight decay acting on B and A only.
///
/// The factors live in one flat buffer: B row-major at offset 0, then A row-major at offset d·r.
/// B starts at 0 and A with entries α·N(0, 1)/√d (α = `init_scale`), so X₀ = W₀ as in LoRA.
/// Every product is `ck_matrix_multiply`, whose sums are the same bits on every CPU.
final class LoRAFactorization {
    /// XORed into the trial's seed to draw the base W₀.
    static let baseSeedSalt: UInt64 = 0x4C4F_5241_4241_5345

    let dimension: Int
    let rank: Int
    let isa: ck_isa
    /// W₀, d × d row-major.
    let base: [Double]
    /// r × r scratch for the balance BᵀB − AᵀA.
    private let scratch: UnsafeMutableBufferPointer<Double>

    init(dimension d: Int, rank r: Int, base: [Double], isa: ck_isa) {
        precondition(base.count == d * d, "W₀ needs d² entries")
        dimension = d
        rank = r
        self.base = base
        self.isa = isa
        scratch = .allocate(capacity: r * r)
        scratch.initialize(repeating: 0)
    }

    deinit { scratch.deallocate() }

    /// The frozen base of a trial: W₀ = U₀U₀ᵀ with U₀ a d × `baseRank` matrix of N(0, 1/d)
    /// entries drawn row by row from a ``Xoshiro256StarStar`` seeded with `seed ^ baseSeedSalt`,
    /// i.e. a "pre-trained" matrix drawn like X* but independently of it.
    static func base(dimension d: Int, baseRank r: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed ^ baseSeedSalt)
        return MatrixSensingData.lowRankProduct(dimension: d, rank: r, rng: &rng)
    }

    /// 2·d·r: the entries of B and A.
    var parameterCount: Int { 2 * dimension * rank }

    /// B = 0; A from `rng` with entries `scale`·N(0, 1)/√d, row by row.
    func initialize(_ factors: UnsafeMutableBufferPointer<Double>, scale: Double, rng: inout Xoshiro256StarStar) {
        let s = scale / Double(dimension).squareRoot(), half = dimension * rank
        for k in 0..<half { factors[k] = 0 }
        for k in half..<(2 * half) { factors[k] = s * rng.nextNormal() }
    }

    /// Writes B Aᵀ into `update` (d² doubles).
    func update(_ factors: UnsafePointer<Double>, into update: UnsafeMutablePointer<Double>) {
        let d = dimension, r = rank
        ck_matrix_multiply(isa, 0, 1, d, d, r, 1, factors, r, factors + d * r, r, 0, update, d)
    }

    /// Writes X = W₀ + B Aᵀ into `x` (d² doubles).
    func product(_ factors: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        let d = dimension, r = rank
        base.withUnsafeBufferPointer { x.update(from: $0.baseAddress!, count: d * d) }
        ck_matrix_multiply(isa, 0, 1, d, d, r, 1, factors, r, factors + d * r, r, 1, x, d)
    }

    /// Writes ∂f/∂B = G A and ∂f/∂A = Gᵀ B into `gradients` (laid out like the factors), given G = ∇_X f.
    func gradients(_ factors: UnsafePointer<Double>, _ g: UnsafePointer<Double>, into gradients: UnsafeMutablePointer<Double>) {
        let d = dimension, r = rank
        ck_matrix_multiply(isa, 0, 0, d, r, d, 1, g, d, factors + d * r, r, 0, gradients, r)
        ck_matrix_multiply(isa, 1, 0, d, r, d, 1, g, d, factors, r, 0, gradients + d * r, r)
    }

    /// ‖BᵀB − AᵀA‖_F, which shrinks as e^{−2Λ_t} under gradient flow with L2 weight decay on B and A.
    func balanceError(_ factors: UnsafePointer<Double>) -> Double {
        let d = dimension, r = rank, s = scratch.baseAddress!
        ck_matrix_multiply(isa, 1, 0, r, r, d, 1, factors, r, factors, r, 0, s, r)
        ck_matrix_multiply(isa, 1, 0, r, r, d, -1, factors + d * r, r, factors + d * r, r, 1, s, r)
        return scratch.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
    }
}
