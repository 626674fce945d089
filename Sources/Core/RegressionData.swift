/// A linear regression data set: training design and labels, optional ground truth and held-out set.
///
/// Matrices are dense, row-major, Float64.
public struct RegressionData: Sendable, Equatable {
    /// n, the number of training rows.
    public var samples: Int
    /// d, the number of columns.
    public var dimension: Int
    /// Z, n × d, row-major.
    public var design: [Double]
    /// y, length n.
    public var labels: [Double]
    /// x*, length d, when known.
    public var truth: [Double]?
    /// Held-out rows, m × d, row-major (empty when there are none).
    public var testDesign: [Double]
    /// Held-out labels, length m.
    public var testLabels: [Double]

    public init(
        samples: Int, dimension: Int, design: [Double], labels: [Double], truth: [Double]?,
        testDesign: [Double] = [], testLabels: [Double] = []
    ) {
        self.samples = samples
        self.dimension = dimension
        self.design = design
        self.labels = labels
        self.truth = truth
        self.testDesign = testDesign
        self.testLabels = testLabels
    }

    /// The number of held-out rows.
    public var testSamples: Int { testLabels.count }
}
