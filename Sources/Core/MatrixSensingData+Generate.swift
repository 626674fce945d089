import CKernels

extension MatrixSensingData {
    /// Generates a matrix-sensing problem (RESEARCH.md) from `seed`.
    ///
    /// X* = U*U*ᵀ with U* a d × r matrix of N(0, 1/d) entries (columns of norm ≈ 1, so the r
    /// nonzero eigenvalues of X* are ≈ 1). Each A_i = (G_i + G_iᵀ)/2 with G_i a d × d matrix of
    /// N(0, 1) entries: diagonal entries N(0, 1), off-diagonal N(0, ½), so E⟨A_i, X⟩² = ‖X‖²_F for
    /// every symmetric X and the loss (1/2m)Σ(⟨A_i, X⟩ − y_i)² ≈ ½‖X − X*‖²_F near X*.
    /// y_i = ⟨A_i, X*⟩ + σε_i.
    ///
    /// Draw order, all from one ``Xoshiro256StarStar`` seeded with `seed`: U* (d × r normals, row
    /// by row); G_1, …, G_m (d × d normals each, row by row); the label noise ε (m normals).
    public static func generate(dimension d: Int, rank r: Int, measurements m: Int, noise sigma: Double, seed: UInt64) -> MatrixSensingData {
        var rng = Xoshiro256StarStar(seed: seed)
        let truth = lowRankProduct(dimension: d, rank: r, rng: &rng)
        let size = d * d
        var sensing = [Double](repeating: 0, count: m * size)
        var gaussian = [Double](repeating: 0, count: size)
        for i in 0..<m {
            for e in 0..<size { gaussian[e] = rng.nextNormal() }
            for j in 0..<d {
                for k in 0..<d {
                    sensing[i * size + j * d + k] = 0.5 * (gaussian[j * d + k] + gaussian[k * d + j])
                }
            }
        }
        var labels = [Double](repeating: 0, count: m)
        if m > 0, size > 0 {
            ck_matrix_multiply(InstructionSet.native.isa, 0, 0, m, 1, size, 1, sensing, size, truth, 1, 0, &labels, 1)
        }
        for i in 0..<m { labels[i] += sigma * rng.nextNormal() }
        return MatrixSensingData(dimension: d, measurements: m, sensing: sensing, labels: labels, truth: truth)
    }

    /// U Uᵀ for a d × r matrix U of N(0, 1/d) entries drawn row by row from `rng`; each entry of
    /// the product summed over l in order, so the same bits on every CPU.
    static func lowRankProduct(dimension d: Int, rank r: Int, rng: inout Xoshiro256StarStar) -> [Double] {
        let scale = 1 / Double(d).squareRoot()
        let factor = (0..<(d * r)).map { _ in scale * rng.nextNormal() }
        var product = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for k in 0..<d {
                var s = 0.0
                for l in 0..<r { s += factor[j * r + l] * factor[k * r + l] }
                product[j * d + k] = s
            }
        }
        return product
    }
}
