import CLinearAlgebra

/// How the least-squares gradient g = Zᵀ(Zx − y)/n and loss (1/2n)‖Zx − y‖² are computed.
///
/// The choice is a pure function of the problem size (``forSize(rows:columns:)``), so a given
/// configuration always takes the same path and stays bit-for-bit reproducible.
enum LeastSquaresGradient: Sendable {
    /// Two `cblas_dgemv` calls: r = Zx − y, then g = Zᵀr/n. Best while Z stays in cache.
    case matrixVector
    /// One pass over the rows of Z: r_i = Z_i·x − y_i (`cblas_ddot`), then g += (r_i/n)·Z_i
    /// (`cblas_daxpy`) while the row is still in cache, so Z is read from memory once per step.
    case rowFused

    /// Z larger than this many doubles (8 MiB) takes the row-fused path.
    static let rowFusedThreshold = 1 << 20

    /// The path for an n × d design.
    static func forSize(rows: Int, columns: Int) -> LeastSquaresGradient {
        rows * columns > rowFusedThreshold ? .rowFused : .matrixVector
    }

    /// Writes g = Zᵀ(Zx − y)/n into `gradient` and r = Zx − y into `residual`; returns (1/2n)‖r‖².
    ///
    /// `design` is n × d row-major; `negatedLabels` holds −y, so Zx accumulates onto it (β = 1)
    /// and OpenBLAS skips its scaling pass; `residual` holds n doubles, `gradient` d doubles.
    @inline(__always)
    func evaluate(
        design: UnsafePointer<Double>, negatedLabels: UnsafePointer<Double>,
        rows n: Int, columns d: Int,
        x: UnsafePointer<Double>, residual: UnsafeMutablePointer<Double>, gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        let inverseRows = 1 / Double(n)
        switch self {
        case .matrixVector:
            residual.update(from: negatedLabels, count: n)
            cblas_dgemv(CblasRowMajor, CblasNoTrans, blasint(n), blasint(d), 1, design, blasint(d), x, 1, 1, residual, 1)
            cblas_dgemv(CblasRowMajor, CblasTrans, blasint(n), blasint(d), inverseRows, design, blasint(d), residual, 1, 0, gradient, 1)
            return 0.5 * inverseRows * cblas_ddot(blasint(n), residual, 1, residual, 1)
        case .rowFused:
            gradient.update(repeating: 0, count: d)
            var sum = 0.0
            for i in 0..<n {
                let row = design + i * d
                let r = cblas_ddot(blasint(d), row, 1, x, 1) + negatedLabels[i]
                residual[i] = r
                sum += r * r
                cblas_daxpy(blasint(d), r * inverseRows, row, 1, gradient, 1)
            }
            return 0.5 * inverseRows * sum
        }
    }

    /// (1/2n)‖Zx − y‖² with the residual written into `residual` (n doubles).
    static func loss(
        design: UnsafePointer<Double>, labels: UnsafePointer<Double>, rows n: Int, columns d: Int,
        x: UnsafePointer<Double>, residual: UnsafeMutablePointer<Double>
    ) -> Double {
        guard n > 0 else { return 0 }
        residual.update(from: labels, count: n)
        cblas_dgemv(CblasRowMajor, CblasNoTrans, blasint(n), blasint(d), 1, design, blasint(d), x, 1, -1, residual, 1)
        return 0.5 * cblas_ddot(blasint(n), residual, 1, residual, 1) / Double(n)
    }
}
