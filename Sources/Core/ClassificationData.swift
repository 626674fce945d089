/// A labelled classification data set, already split into training and test rows.
///
/// Inputs are row-major: row i of `trainInputs` is `trainInputs[(i * features)..<((i + 1) * features)]`.
/// Labels are class indices in 0..<`classes`.
public struct ClassificationData: Sendable, Equatable {
    /// The number of input features per row.
    public var features: Int
    /// The number of classes.
    public var classes: Int
    /// The training inputs, `trainLabels.count` × `features`, row-major.
    public var trainInputs: [Double]
    /// The class of each training row.
    public var trainLabels: [Int]
    /// The test inputs, `testLabels.count` × `features`, row-major.
    public var testInputs: [Double]
    /// The class of each test row.
    public var testLabels: [Int]

    /// Wraps the given arrays; the caller keeps their sizes consistent.
    public init(features: Int, classes: Int, trainInputs: [Double], trainLabels: [Int], testInputs: [Double], testLabels: [Int]) {
        self.features = features
        self.classes = classes
        self.trainInputs = trainInputs
        self.trainLabels = trainLabels
        self.testInputs = testInputs
        self.testLabels = testLabels
    }

    /// The number of training rows.
    public var trainSamples: Int { trainLabels.count }
    /// The number of test rows.
    public var testSamples: Int { testLabels.count }
}
