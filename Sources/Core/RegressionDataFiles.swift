import Foundation

extension RegressionData {
    /// Loads a data set from the files of `directory`.
    ///
    /// `Z` (n × d) and `y` (n) are required; `x_star` (d), `Z_test` (m × d) and `y_test` (m)
    /// are optional, the last two together. Each is `NAME.npy` (dtype `<f8`, C or Fortran order)
    /// or `NAME.csv` (numbers, no header); vectors may have shape (n,) or (n, 1).
    public static func load(from directory: String) throws(CoreError) -> RegressionData {
        typealias Files = DataDirectory
        guard Files.isDirectory(directory) else {
            throw .dataFile(path: directory, reason: "not a directory; expected a directory holding Z and y as .npy or .csv files")
        }
        func required(_ name: String, _ what: String) throws(CoreError) -> Files.Entry {
            guard let entry = try Files.read(name, in: directory) else {
                throw .dataFile(path: directory, reason: "missing \(name): expected \(name).npy or \(name).csv holding \(what)")
            }
            return entry
        }
        let designFile = try required(Files.design, "the n × d design matrix")
        let z = try designFile.matrix(what: "n × d design matrix")
        guard z.rows >= 1, z.columns >= 1 else {
            throw .dataShape(path: designFile.path, reason: "Z has shape (\(z.rows), \(z.columns)); at least one row and one column are needed")
        }
        let y = try required(Files.labels, "the n labels").vector(length: z.rows, matching: "the number of rows of Z")
        let truth = try Files.read(Files.truth, in: directory)?.vector(length: z.columns, matching: "the number of columns of Z")
        let testDesign = try Files.read(Files.testDesign, in: directory)
        let testLabels = try Files.read(Files.testLabels, in: directory)
        var test: (design: [Double], labels: [Double]) = ([], [])
        switch (testDesign, testLabels) {
        case let (design?, labels?):
            let matrix = try design.matrix(columns: z.columns, what: "m × d held-out design matrix")
            test = (matrix.values, try labels.vector(length: matrix.rows, matching: "the number of rows of Z_test"))
        case let (design?, nil):
            throw .dataFile(path: directory, reason: "\(URL(fileURLWithPath: design.path).lastPathComponent) is present but y_test is missing; give both or neither")
        case let (nil, labels?):
            throw .dataFile(path: directory, reason: "\(URL(fileURLWithPath: labels.path).lastPathComponent) is present but Z_test is missing; give both or neither")
        case (nil, nil):
            break
        }
        return RegressionData(
            samples: z.rows, dimension: z.columns, design: z.values, labels: y, truth: truth,
            testDesign: test.design, testLabels: test.labels
        )
    }

    /// Writes the data set into `directory` (created when needed) as `.npy` version 1.0 files.
    ///
    /// Writes `Z`, `y`, `x_star` when the truth is known and `Z_test`, `y_test` when there are
    /// held-out rows, replacing earlier `.npy` files of those names and removing the optional ones
    /// this data set lacks, so ``load(from:)`` reads back exactly this data. Fails, writing
    /// nothing, when a `.csv` of one of the five names is present (the directory would be ambiguous).
    public func save(to directory: String) throws(CoreError) {
        typealias Files = DataDirectory
        try checkShapes(directory)
        let m = testSamples
        try Files.write([
            (Files.design, DenseArray(shape: [samples, dimension], values: design)),
            (Files.labels, DenseArray(shape: [samples], values: labels)),
            (Files.truth, truth.map { DenseArray(shape: [dimension], values: $0) }),
            (Files.testDesign, m > 0 ? DenseArray(shape: [m, dimension], values: testDesign) : nil),
            (Files.testLabels, m > 0 ? DenseArray(shape: [m], values: testLabels) : nil),
        ], to: directory)
    }

    /// Checks that the arrays have the sizes `samples`, `dimension` and `testSamples` promise.
    private func checkShapes(_ directory: String) throws(CoreError) {
        func check(_ ok: Bool, _ reason: String) throws(CoreError) {
            if !ok { throw .dataShape(path: directory, reason: reason) }
        }
        try check(design.count == samples * dimension, "Z has \(design.count) entries, expected n × d = \(samples) × \(dimension)")
        try check(labels.count == samples, "y has \(labels.count) entries, expected n = \(samples)")
        try check(truth.map { $0.count == dimension } ?? true, "x_star has \(truth?.count ?? 0) entries, expected d = \(dimension)")
        try check(testDesign.count == testSamples * dimension,
                  "Z_test has \(testDesign.count) entries, expected m × d = \(testSamples) × \(dimension)")
    }
}
