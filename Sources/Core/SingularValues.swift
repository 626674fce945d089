/// The singular values of a d × d row-major matrix by one-sided Jacobi rotations (Hestenes),
/// in a fixed order of operations, so every CPU gives the same bits.
///
/// The rows are rotated in pairs (p, q), p < q ascending, until every pair is orthogonal to
/// within 10⁻¹⁵ relative (at most 100 sweeps); the singular values are then the row norms,
/// sorted descending. The input must be finite.
func jacobiSingularValues(_ matrix: UnsafeBufferPointer<Double>, dimension d: Int) -> [Double] {
    var a = Array(matrix)
    func dot(_ p: Int, _ q: Int) -> Double {
        var s = 0.0
        for k in 0..<d { s += a[p * d + k] * a[q * d + k] }
        return s
    }
    for _ in 0..<100 {
        var rotated = false
        for p in 0..<d {
            for q in (p + 1)..<d {
                let alpha = dot(p, p), beta = dot(q, q), gamma = dot(p, q)
                guard gamma != 0, abs(gamma) > 1e-15 * (alpha * beta).squareRoot() else { continue }
                let zeta = (beta - alpha) / (2 * gamma)
                let t = (zeta < 0 ? -1.0 : 1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                let c = 1 / (1 + t * t).squareRoot(), s = c * t
                for k in 0..<d {
                    let x = a[p * d + k], y = a[q * d + k]
                    a[p * d + k] = c * x - s * y
                    a[q * d + k] = s * x + c * y
                }
                rotated = true
            }
        }
        if !rotated { break }
    }
    return (0..<d).map { dot($0, $0).squareRoot() }.sorted(by: >)
}
