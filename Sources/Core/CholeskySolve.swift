/// Solves A·x = b for a symmetric positive definite n × n row-major A by the Cholesky factorization
/// A = R·Rᵀ, in a fixed order of operations (plain Swift arithmetic, no BLAS), so every CPU gives
/// the same bits. `matrix` is overwritten by the factor and `rhs` by x. Returns false, leaving both
/// partly overwritten, when a pivot is not positive (A not numerically positive definite).
func choleskySolve(_ matrix: inout [Double], order n: Int, _ rhs: inout [Double]) -> Bool {
    for j in 0..<n {
        var pivot = matrix[j * n + j]
        for k in 0..<j { pivot -= matrix[j * n + k] * matrix[j * n + k] }
        guard pivot > 0, pivot.isFinite else { return false }
        let diagonal = pivot.squareRoot()
        matrix[j * n + j] = diagonal
        for i in (j + 1)..<max(n, j + 1) {
            var s = matrix[i * n + j]
            for k in 0..<j { s -= matrix[i * n + k] * matrix[j * n + k] }
            matrix[i * n + j] = s / diagonal
        }
    }
    for i in 0..<n {
        var s = rhs[i]
        for k in 0..<i { s -= matrix[i * n + k] * rhs[k] }
        rhs[i] = s / matrix[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
        var s = rhs[i]
        for k in (i + 1)..<max(n, i + 1) { s -= matrix[k * n + i] * rhs[k] }
        rhs[i] = s / matrix[i * n + i]
    }
    return true
}

/// Solves the symmetric positive semidefinite system A·x = b by ``choleskySolve(_:order:_:)``,
/// adding δ·(mean diagonal)·I with δ = 0, then 1e-14, growing ×100, while the factorization fails;
/// nil when it still fails at δ = 1e-2 or A has a non-finite entry.
func regularizedCholeskySolve(_ matrix: [Double], order n: Int, _ rhs: [Double]) -> [Double]? {
    var trace = 0.0
    for i in 0..<n { trace += matrix[i * n + i] }
    guard trace.isFinite, trace > 0 else { return nil }
    var delta = 0.0
    while delta <= 1e-2 {
        var a = matrix, x = rhs
        if delta > 0 {
            for i in 0..<n { a[i * n + i] += delta * trace / Double(n) }
        }
        if choleskySolve(&a, order: n, &x) { return x }
        delta = delta == 0 ? 1e-14 : delta * 100
    }
    return nil
}
