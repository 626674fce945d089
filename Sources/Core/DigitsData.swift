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
        var parser = DigitsParser(path: path)
        for byte in try FileBytes.read(path) { try parser.read(byte) }
        let (inputs, labels) = try parser.finish()
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
}
