/// The trainer's working copy of the stacked measurement matrices, and how X meets it.
///
/// When every A_i is symmetric (``MatrixSensingData/isSymmetric``), ⟨A_i, X⟩ = Σ_j A_jj X_jj +
/// Σ_{j<k} A_jk (X_jk + X_kj), so the design keeps only the d(d + 1)/2 entries A_jk with j ≤ k
/// (row by row of the upper triangle) and X is packed the same way; the gradient Σ r_i A_i / m
/// is then symmetric and unpacks into both triangles. This halves every step's matrix–vector
/// work and lets the design of d = 30, m = 600 fit in a 2.5 MiB L2 cache. Otherwise the design
/// is the full m × d² matrix and X is used as is.
final class SensingDesign {
    /// m.
    let rows: Int
    /// d(d + 1)/2 when packed, d² otherwise.
    let columns: Int
    let dimension: Int
    let isPacked: Bool
    /// rows × columns, row-major.
    let matrix: UnsafeMutableBufferPointer<Double>
    /// Row and column of X for each packed column (empty when not packed).
    private let pairRows: [Int]
    private let pairColumns: [Int]

    init(_ data: MatrixSensingData) {
        let d = data.dimension, m = data.measurements
        dimension = d
        rows = m
        isPacked = data.isSymmetric
        var pr: [Int] = [], pc: [Int] = []
        if isPacked {
            for j in 0..<d {
                for k in j..<d {
                    pr.append(j)
                    pc.append(k)
                }
            }
        }
        pairRows = pr
        pairColumns = pc
        columns = isPacked ? pr.count : d * d
        matrix = .allocate(capacity: m * columns)
        if isPacked {
            for i in 0..<m {
                for c in 0..<columns {
                    matrix[i * columns + c] = data.sensing[i * d * d + pr[c] * d + pc[c]]
                }
            }
        } else {
            _ = matrix.initialize(from: data.sensing)
        }
    }

    deinit { matrix.deallocate() }

    /// Writes the vector that the design multiplies for X (d × d row-major) into `v` (`columns` doubles).
    @inline(__always)
    func pack(_ x: UnsafePointer<Double>, into v: UnsafeMutablePointer<Double>) {
        let d = dimension
        transfer(x, into: v) { c, j, k in
            v[c] = j == k ? x[j * d + j] : x[j * d + k] + x[k * d + j]
        }
    }

    /// Writes the d × d gradient for the design-space gradient `g` (`columns` doubles) into `out`.
    @inline(__always)
    func unpack(_ g: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let d = dimension
        transfer(g, into: out) { c, j, k in
            out[j * d + k] = g[c]
            out[k * d + j] = g[c]
        }
    }

    /// Copies the `columns` doubles of `source` into `target` when the design is not packed;
    /// otherwise calls `packed` with each packed column c and its row j and column k of X.
    @inline(__always)
    private func transfer(
        _ source: UnsafePointer<Double>, into target: UnsafeMutablePointer<Double>, packed: (_ c: Int, _ j: Int, _ k: Int) -> Void
    ) {
        guard isPacked else {
            target.update(from: source, count: columns)
            return
        }
        for c in 0..<columns {
            packed(c, pairRows[c], pairColumns[c])
        }
    }
}
