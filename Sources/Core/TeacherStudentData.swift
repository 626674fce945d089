extension ClassificationData {
    /// The hidden width of the teacher network.
    public static let teacherHiddenWidth = 32
    /// The number of classes the teacher assigns.
    public static let teacherClasses = 10
    /// XORed into the data seed so the teacher's stream differs from a trial's initialization stream.
    static let teacherSeedSalt: UInt64 = 0x7465_6163_6865_7221

    /// Synthetic teacher–student data from `seed`: a random teacher labels Gaussian inputs.
    ///
    /// The teacher is a ReLU network `features` → 32 → 10 without biases, its weights He-normal
    /// (N(0, 2/fan_in)). A row's label is the argmax of the teacher's logits (the lowest class on
    /// ties). Draw order, all from `Xoshiro256StarStar(seed: seed ^ 0x7465_6163_6865_7221)`: the
    /// first layer (32 × features, row-major), the second (10 × 32), the training inputs
    /// (`trainSamples` × `features` standard normals, row by row), then the test inputs.
    public static func teacherStudent(features: Int, trainSamples: Int, testSamples: Int, seed: UInt64) -> ClassificationData {
        var rng = Xoshiro256StarStar(seed: seed ^ teacherSeedSalt)
        let hidden = teacherHiddenWidth, classes = teacherClasses
        func layer(_ rows: Int, _ columns: Int) -> [Double] {
            let std = (2 / Double(columns)).squareRoot()
            return (0..<(rows * columns)).map { _ in std * rng.nextNormal() }
        }
        let first = layer(hidden, features)
        let second = layer(classes, hidden)
        func label(_ x: ArraySlice<Double>) -> Int {
            let base = x.startIndex
            var h = [Double](repeating: 0, count: hidden)
            for j in 0..<hidden {
                var s = 0.0
                for i in 0..<features { s += first[j * features + i] * x[base + i] }
                h[j] = max(s, 0)
            }
            var best = 0, bestValue = -Double.infinity
            for c in 0..<classes {
                var s = 0.0
                for j in 0..<hidden { s += second[c * hidden + j] * h[j] }
                if s > bestValue { best = c; bestValue = s }
            }
            return best
        }
        func rows(_ count: Int) -> (inputs: [Double], labels: [Int]) {
            let inputs = (0..<(count * features)).map { _ in rng.nextNormal() }
            let labels = (0..<count).map { label(inputs[($0 * features)..<(($0 + 1) * features)]) }
            return (inputs, labels)
        }
        let train = rows(trainSamples)
        let test = rows(testSamples)
        return ClassificationData(
            features: features, classes: classes, trainInputs: train.inputs, trainLabels: train.labels,
            testInputs: test.inputs, testLabels: test.labels)
    }
}
