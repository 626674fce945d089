/// A dense Float64 array of rank 1 or 2 as read from or written to a data file.
///
/// `values` are in row-major (C) order whatever the file's order was.
public struct DenseArray: Sendable, Equatable {
    /// The extent of each dimension: `[n]` for a vector, `[rows, columns]` for a matrix.
    public var shape: [Int]
    /// The entries in row-major order; `values.count` is the product of `shape`.
    public var values: [Double]

    /// Wraps `values` with `shape`; the caller keeps `values.count` equal to the product of `shape`.
    public init(shape: [Int], values: [Double]) {
        self.shape = shape
        self.values = values
    }

    /// The shape written as Python writes it: `(3,)`, `(40, 100)`.
    public var shapeDescription: String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
