import Foundation

extension ClassificationData {
    /// The file name of the digits set inside its directory.
    public static let digitsFileName = "digits.csv"
    /// The number of rows of the digits set.
    public static let digitsSamples = 1797
    /// The training rows of the fixed split; the other 360 rows test.
    public static let digitsTrainSamples = 1437
    /// The seed of the split's permutation.
    public static let digitsSplitSeed: UInt64 = 20_250_101

    /// Loads the 8×8 handwritten digits set from `directory/digits.csv` (see `data/digits/README.md`).
    ///
    /// Each of the 1,797 lines holds 64 integer pixel counts 0–16 and a label 0–9. Features are
    /// divided by 16. The split is fixed: a Fisher–Yates shuffle of 0..<1797 (for i from 1796 down
    /// to 1, swap i with `nextInt(below: i + 1)`) from `Xoshiro256StarStar(seed: 20250101)`; the
    /// first 1,437 indices of the permutation train, the last 360 test, each in permutation order.
    public static func digits(directory: String) throws(CoreError) -> ClassificationData {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(digitsFileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .dataFile(path: path, reason: "missing; the digits set ships as data/digits/digits.csv in the repository (see data/digits/README.md)")
        }
        let (inputs, labels) = try parse(try FileBytes.read(path), path: path)
        var order = Array(0..<digitsSamples)
        var rng = Xoshiro256StarStar(seed: digitsSplitSeed)
        for i in stride(from: digitsSamples - 1, through: 1, by: -1) {
            order.swapAt(i, rng.nextInt(below: i + 1))
        }
        func rows(_ indices: ArraySlice<Int>) -> (inputs: [Double], labels: [Int]) {
            (indices.flatMap { inputs[($0 * 64)..<(($0 + 1) * 64)] }, indices.map { labels[$0] })
        }
        let train = rows(order[..<digitsTrainSamples])
        let test = rows(order[digitsTrainSamples...])
        return ClassificationData(
            features: 64, classes: 10, trainInputs: train.inputs, trainLabels: train.labels,
            testInputs: test.inputs, testLabels: test.labels)
    }

    /// Reads 1,797 lines of 64 integer features 0–16 and a label 0–9, comma-separated; features are
    /// divided by 16. Errors name the line and column.
    private static func parse(_ bytes: [UInt8], path: String) throws(CoreError) -> (inputs: [Double], labels: [Int]) {
        let columns = 65
        var inputs = [Double](repeating: 0, count: digitsSamples * 64)
        var labels = [Int](repeating: 0, count: digitsSamples)
        var row = 0, column = 0, value = 0, length = 0
        func fail(_ reason: String) -> CoreError {
            .dataFile(path: path, reason: "line \(row + 1), column \(column + 1): \(reason)")
        }
        func endCell() throws(CoreError) {
            guard length > 0 else { throw fail("empty cell; expected an integer") }
            guard row < digitsSamples else {
                throw .dataShape(path: path, reason: "more than \(digitsSamples) lines")
            }
            guard column < columns else {
                throw .dataShape(path: path, reason: "line \(row + 1) has more than \(columns) values; expected 64 features and a label")
            }
            if column < 64 {
                guard value <= 16 else { throw fail("\(value); a feature must be an integer 0–16") }
                inputs[row * 64 + column] = Double(value) / 16
            } else {
                guard value <= 9 else { throw fail("\(value); a label must be an integer 0–9") }
                labels[row] = value
            }
            column += 1
            value = 0
            length = 0
        }
        func endLine() throws(CoreError) {
            guard column == columns else {
                throw .dataShape(path: path, reason: "line \(row + 1) has \(column) values; expected \(columns) (64 features and a label)")
            }
            row += 1
            column = 0
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard length < 2 else { throw fail("more than two digits; expected an integer 0–16") }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                length += 1
            case UInt8(ascii: ","):
                try endCell()
            case UInt8(ascii: "\n"):
                try endCell()
                try endLine()
            case UInt8(ascii: "\r"):
                continue
            default:
                throw fail("unexpected character '\(Character(Unicode.Scalar(byte)))'; expected integers separated by commas")
            }
        }
        if length > 0 || column > 0 {
            try endCell()
            try endLine()
        }
        guard row == digitsSamples else {
            throw .dataShape(path: path, reason: "\(row) lines; expected \(digitsSamples)")
        }
        return (inputs, labels)
    }
}
