extension DataDirectory {
    /// The file stems of a matrix-sensing data directory: `A` (m × d²), `y` (m), `X_star` (d × d).
    static let sensing = "A", truthMatrix = "X_star"
}

extension MatrixSensingData {
    /// Loads a data set from the files of `directory`.
    ///
    /// `A` (m × d², row i = A_i flattened row-major, d² a perfect square) and `y` (m) are required;
    /// `X_star` (d × d, or a vector of d² entries in row-major order) is optional. Each is
    /// `NAME.npy` (dtype `<f8`, C or Fortran order) or `NAME.csv` (numbers, no header).
    public static func load(from directory: String) throws(CoreError) -> MatrixSensingData {
        typealias Files = DataDirectory
        guard Files.isDirectory(directory) else {
            throw .dataFile(path: directory, reason: "not a directory; expected a directory holding A and y as .npy or .csv files")
        }
        guard let sensingFile = try Files.read(Files.sensing, in: directory) else {
            throw .dataFile(path: directory, reason: "missing A: expected A.npy or A.csv holding the m × d² stacked measurement matrices")
        }
        let a = try sensingFile.matrix(what: "m × d² matrix of stacked measurement matrices")
        let d = Int(Double(a.columns).squareRoot().rounded())
        guard a.rows >= 1, a.columns >= 1, d * d == a.columns else {
            throw .dataShape(
                path: sensingFile.path,
                reason: "A has shape (\(a.rows), \(a.columns)); expected m ≥ 1 rows of d² columns (row i is A_i flattened row-major)"
            )
        }
        guard let labelsFile = try Files.read(Files.labels, in: directory) else {
            throw .dataFile(path: directory, reason: "missing y: expected y.npy or y.csv holding the m labels")
        }
        let y = try labelsFile.vector(length: a.rows, matching: "the number of rows of A")
        var truth: [Double]?
        if let truthFile = try Files.read(Files.truthMatrix, in: directory) {
            let shape = truthFile.array.shape
            guard shape == [d, d] || shape == [d * d] || shape == [d * d, 1] else {
                throw .dataShape(
                    path: truthFile.path,
                    reason: "X_star has shape \(truthFile.array.shapeDescription) but A has d² = \(d * d) columns; expected shape (\(d), \(d))"
                )
            }
            truth = truthFile.array.values
        }
        return MatrixSensingData(dimension: d, measurements: a.rows, sensing: a.values, labels: y, truth: truth)
    }

    /// Writes the data set into `directory` (created when needed) as `.npy` version 1.0 files.
    ///
    /// Writes `A`, `y` and, when the truth is known, `X_star` (d × d), removing a stale `X_star.npy`
    /// otherwise, so ``load(from:)`` reads back exactly this data. Fails, writing nothing, when a
    /// `.csv` of one of the three names is present (the directory would be ambiguous).
    public func save(to directory: String) throws(CoreError) {
        typealias Files = DataDirectory
        let size = dimension * dimension
        guard sensing.count == measurements * size, labels.count == measurements, truth.map({ $0.count == size }) ?? true else {
            throw .dataShape(
                path: directory,
                reason: "A has \(sensing.count) entries (expected m × d² = \(measurements) × \(size)), y \(labels.count) (expected \(measurements)), X_star \(truth?.count ?? 0) (expected \(size))"
            )
        }
        try Files.write([
            (Files.sensing, DenseArray(shape: [measurements, size], values: sensing)),
            (Files.labels, DenseArray(shape: [measurements], values: labels)),
            (Files.truthMatrix, truth.map { DenseArray(shape: [dimension, dimension], values: $0) }),
        ], to: directory)
    }
}
