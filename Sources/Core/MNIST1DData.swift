import Foundation

extension ClassificationData {
    /// The files of the MNIST-1D set inside its directory: training inputs and labels, test inputs and labels.
    public static let mnist1dFileNames = (
        trainInputs: "x_train.npy", trainLabels: "y_train.npy", testInputs: "x_test.npy", testLabels: "y_test.npy")
    /// The number of classes of MNIST-1D.
    public static let mnist1dClasses = 10

    /// Loads the MNIST-1D set (Greydanus 2020) from the four `.npy` files in `directory` (see
    /// `data/mnist1d/README.md`).
    ///
    /// `x_train.npy` and `x_test.npy` are rows × features `<f8` arrays, `y_train.npy` and
    /// `y_test.npy` `<f8` vectors of integer labels 0–9, one per row. Rows and features are used as
    /// stored: no reshuffle, no rescaling. The shipped set has 4,000 training and 1,000 test rows of
    /// 40 features.
    public static func mnist1d(directory: String) throws(CoreError) -> ClassificationData {
        let names = mnist1dFileNames
        let (trainInputs, features) = try mnist1dInputs(directory, names.trainInputs)
        let trainLabels = try mnist1dLabels(directory, names.trainLabels, rows: trainInputs.count / features, of: names.trainInputs)
        let (testInputs, testFeatures) = try mnist1dInputs(directory, names.testInputs)
        guard testFeatures == features else {
            throw .dataShape(
                path: path(directory, names.testInputs),
                reason: "\(testFeatures) features per row but \(names.trainInputs) has \(features)")
        }
        let testLabels = try mnist1dLabels(directory, names.testLabels, rows: testInputs.count / features, of: names.testInputs)
        guard !trainLabels.isEmpty else {
            throw .dataShape(path: path(directory, names.trainInputs), reason: "no training rows")
        }
        return ClassificationData(
            features: features, classes: mnist1dClasses, trainInputs: trainInputs, trainLabels: trainLabels,
            testInputs: testInputs, testLabels: testLabels)
    }

    /// The path of `file` in `directory`.
    private static func path(_ directory: String, _ file: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(file).path
    }

    /// The array in `directory/file`, after checking that the file exists.
    private static func mnist1dArray(_ directory: String, _ file: String) throws(CoreError) -> (DenseArray, path: String) {
        let path = path(directory, file)
        guard FileManager.default.fileExists(atPath: path) else {
            throw .dataFile(
                path: path,
                reason: "missing; the MNIST-1D set ships as data/mnist1d/\(file) in the repository (see data/mnist1d/README.md)")
        }
        return (try NPYFile.read(path: path), path)
    }

    /// The finite values of a rows × features input array with at least one feature, and its feature count.
    private static func mnist1dInputs(_ directory: String, _ file: String) throws(CoreError) -> ([Double], features: Int) {
        let (array, path) = try mnist1dArray(directory, file)
        guard array.shape.count == 2, array.shape[1] >= 1 else {
            throw .dataShape(path: path, reason: "shape \(array.shapeDescription); expected (rows, features) with features ≥ 1")
        }
        if let index = array.values.firstIndex(where: { !$0.isFinite }) {
            throw .dataShape(
                path: path,
                reason: "row \(index / array.shape[1]), column \(index % array.shape[1]) is \(array.values[index]); features must be finite")
        }
        return (array.values, array.shape[1])
    }

    /// The labels of a vector of `rows` integers 0–9 matching the rows of `inputsFile`.
    private static func mnist1dLabels(_ directory: String, _ file: String, rows: Int, of inputsFile: String) throws(CoreError) -> [Int] {
        let (array, path) = try mnist1dArray(directory, file)
        guard array.shape.count == 1 else {
            throw .dataShape(path: path, reason: "shape \(array.shapeDescription); expected a vector of labels")
        }
        guard array.shape[0] == rows else {
            throw .dataShape(path: path, reason: "\(array.shape[0]) labels but \(inputsFile) has \(rows) rows")
        }
        var labels: [Int] = []
        labels.reserveCapacity(rows)
        for (row, value) in array.values.enumerated() {
            guard value.rounded() == value, (0.0..<Double(mnist1dClasses)).contains(value) else {
                throw .dataShape(path: path, reason: "row \(row): label \(value); a label must be an integer 0–9")
            }
            labels.append(Int(value))
        }
        return labels
    }
}
