/// What `mirrorsweep compare` compares: at which sparsities, choosing by which metric, reporting
/// which, against which method, at which confidence.
public struct ComparisonOptions: Hashable, Sendable {
    /// The sweep's name, for captions.
    public var title: String
    /// The sparsities s to compare at, in output order.
    public var sparsities: [Double]
    /// The metric a configuration is chosen by (highest mean over seeds); `{s}` stands for s.
    public var select: String
    /// The metric reported for the chosen configuration; `{s}` stands for s.
    public var report: String
    /// The method every other is compared with, seed by seed.
    public var reference: String
    /// The confidence level of the intervals, in (0, 1).
    public var confidence: Double

    public init(title: String, sparsities: [Double] = [0.8, 0.9, 0.95, 0.98], select: String = "val_accuracy@{s}",
                report: String = "accuracy@{s}", reference: String = "pilot", confidence: Double = 0.95) {
        self.title = title
        self.sparsities = sparsities
        self.select = select
        self.report = report
        self.reference = reference
        self.confidence = confidence
    }

    /// `template` with `{s}` replaced by `sparsity` as trials write it in metric names: Swift's
    /// `Double` description (`accuracy@0.9`).
    public static func metric(_ template: String, sparsity: Double) -> String {
        template.replacingOccurrences(of: "{s}", with: "\(sparsity)")
    }
}
