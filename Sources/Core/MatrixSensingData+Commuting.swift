extension MatrixSensingData {
    /// XORed into the seed to draw the orthonormal basis Q of a commuting design.
    public static let basisSeedSalt: UInt64 = 0x434F_4D4D_5554_4521

    /// Generates matrix sensing with commuting measurements, where the problem is exactly sparse
    /// regression on the spectrum (RESEARCH.md's theory then holds for X).
    ///
    /// Z, x* and y are ``RegressionData/generate(samples:dimension:sparsity:noise:testSamples:seed:)``
    /// with n = m, k = `rank` and no test samples, from `seed`; Q is ``commutingBasis(dimension:seed:)``.
    /// A_i = Q diag(Z_i) Qᵀ (Z_i row i of Z), X* = Q diag(x*) Qᵀ, y as generated, so
    /// ⟨A_i, Q diag(x) Qᵀ⟩ = Z_i·x and every A_i commutes with the others and with X*.
    public static func generateCommuting(dimension d: Int, rank r: Int, measurements m: Int, noise sigma: Double, seed: UInt64) -> MatrixSensingData {
        let sparse = RegressionData.generate(samples: m, dimension: d, sparsity: r, noise: sigma, testSamples: 0, seed: seed)
        let q = commutingBasis(dimension: d, seed: seed)
        let size = d * d
        var sensing = [Double](repeating: 0, count: m * size)
        for i in 0..<m {
            let diagonal = Array(sparse.design[(i * d)..<((i + 1) * d)])
            let a = spectralMatrix(diagonal, basis: q, dimension: d)
            sensing.replaceSubrange((i * size)..<((i + 1) * size), with: a)
        }
        let truth = spectralMatrix(sparse.truth ?? [Double](repeating: 0, count: d), basis: q, dimension: d)
        return MatrixSensingData(dimension: d, measurements: m, sensing: sensing, labels: sparse.labels, truth: truth)
    }

    /// The orthonormal basis Q (d × d row-major, column j = the j-th basis vector) of a commuting
    /// design: Gaussian columns drawn row by row from a ``Xoshiro256StarStar`` seeded with
    /// `seed ^ basisSeedSalt`, orthonormalized by modified Gram–Schmidt in column order.
    public static func commutingBasis(dimension d: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed ^ basisSeedSalt)
        var q = (0..<(d * d)).map { _ in rng.nextNormal() }
        for j in 0..<d {
            for k in 0..<j {
                var dot = 0.0
                for i in 0..<d { dot += q[i * d + k] * q[i * d + j] }
                for i in 0..<d { q[i * d + j] -= dot * q[i * d + k] }
            }
            var norm = 0.0
            for i in 0..<d { norm += q[i * d + j] * q[i * d + j] }
            norm = norm.squareRoot()
            for i in 0..<d { q[i * d + j] /= norm }
        }
        return q
    }

    /// Q diag(values) Qᵀ, d × d row-major, summed over the basis vectors in order.
    public static func spectralMatrix(_ values: [Double], basis q: [Double], dimension d: Int) -> [Double] {
        var x = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for k in j..<d {
                var s = 0.0
                for l in 0..<d { s += q[j * d + l] * values[l] * q[k * d + l] }
                x[j * d + k] = s
                x[k * d + j] = s
            }
        }
        return x
    }
}
