import CKernels

/// Spectral and distance metrics of square matrices stored row-major.
public enum MatrixMetrics {
    /// The singular values of the d × d matrix `matrix` (row-major), in descending order, by
    /// ``jacobiSingularValues(_:dimension:)``; all NaN when the matrix holds a NaN or infinity.
    public static func singularValues(_ matrix: UnsafeBufferPointer<Double>, dimension d: Int) -> [Double] {
        precondition(matrix.count == d * d, "a d × d matrix needs d² entries")
        guard d > 0 else { return [] }
        guard matrix.allSatisfy(\.isFinite) else { return [Double](repeating: .nan, count: d) }
        return jacobiSingularValues(matrix, dimension: d)
    }

    /// ``singularValues(_:dimension:)`` of an array.
    public static func singularValues(_ matrix: [Double], dimension d: Int) -> [Double] {
        matrix.withUnsafeBufferPointer { singularValues($0, dimension: d) }
    }

    /// The nuclear norm Σσ_i.
    public static func nuclearNorm(singularValues sigma: [Double]) -> Double {
        sigma.reduce(0, +)
    }

    /// The effective rank exp(H(p)) with p = σ/‖σ‖₁ and H the Shannon entropy (0·log 0 = 0);
    /// 0 for the zero matrix. A rank-k matrix with k equal singular values has effective rank k.
    public static func effectiveRank(singularValues sigma: [Double]) -> Double {
        let total = nuclearNorm(singularValues: sigma)
        guard total > 0 else { return total == 0 ? 0 : .nan }
        var entropy = 0.0
        for s in sigma where s > 0 {
            let p = s / total
            entropy -= p * ck_log(p)
        }
        return ck_exp(entropy)
    }

    /// ‖a − b‖_F for matrices of equal size.
    public static func frobeniusDistance(_ a: UnsafeBufferPointer<Double>, _ b: [Double]) -> Double {
        zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// ‖a‖_F.
    public static func frobeniusNorm(_ a: some Sequence<Double>) -> Double {
        a.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
    }
}
