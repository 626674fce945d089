/// A matrix-sensing data set: m measurement matrices A_i (d × d), labels y_i and optionally X*.
///
/// The A_i are stacked as one m × d² matrix whose row i is A_i flattened row-major, so that
/// ⟨A_i, X⟩ for all i is one matrix–vector product with X flattened row-major. Float64 throughout.
public struct MatrixSensingData: Sendable, Equatable {
    /// d: X is d × d.
    public var dimension: Int
    /// m, the number of measurements.
    public var measurements: Int
    /// The stacked measurement matrices, m × d², row i = A_i row-major.
    public var sensing: [Double]
    /// y, length m.
    public var labels: [Double]
    /// X*, d × d row-major, when known.
    public var truth: [Double]?

    /// Wraps the arrays; the caller keeps their sizes m × d², m and d² (checked by the trainer and ``save(to:)``).
    public init(dimension: Int, measurements: Int, sensing: [Double], labels: [Double], truth: [Double]?) {
        self.dimension = dimension
        self.measurements = measurements
        self.sensing = sensing
        self.labels = labels
        self.truth = truth
    }

    /// Whether every A_i equals its transpose exactly (true for generated data).
    ///
    /// The trainer then measures only the upper triangle of X, which halves each step's work.
    public var isSymmetric: Bool {
        let d = dimension, size = d * d
        for i in 0..<measurements {
            let base = i * size
            for j in 0..<d {
                for k in (j + 1)..<d where sensing[base + j * d + k] != sensing[base + k * d + j] {
                    return false
                }
            }
        }
        return true
    }
}
