/// A labelled classification data set, already split into training, validation (possibly none)
/// and test rows.
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
    /// The validation inputs, `validationLabels.count` × `features`, row-major.
    public var validationInputs: [Double]
    /// The class of each validation row.
    public var validationLabels: [Int]

    /// Wraps the given arrays; the caller keeps their sizes consistent.
    public init(
        features: Int, classes: Int, trainInputs: [Double], trainLabels: [Int], testInputs: [Double], testLabels: [Int],
        validationInputs: [Double] = [], validationLabels: [Int] = []
    ) {
        self.features = features
        self.classes = classes
        self.trainInputs = trainInputs
        self.trainLabels = trainLabels
        self.testInputs = testInputs
        self.testLabels = testLabels
        self.validationInputs = validationInputs
        self.validationLabels = validationLabels
    }

    /// The number of training rows.
    public var trainSamples: Int { trainLabels.count }
    /// The number of test rows.
    public var testSamples: Int { testLabels.count }
    /// The number of validation rows.
    public var validationSamples: Int { validationLabels.count }
}
