/// Which metrics tables and plots show when none are named, and which way each is better, by the
/// problem kind the recorded metrics reveal: `accuracy` (classification), `relative_error` (matrix
/// sensing), `recovery_error` or `test_mse` (sparse regression), else a command sweep's own names.
public enum MetricDefaults {
    /// The sparse-regression table's metrics, also shown before any trial completed.
    public static let regression = ["recovery_error", "test_mse", "train_loss", "sparsity", "nonzeros"]
    /// The classification table's metrics.
    public static let classification = ["accuracy", "train_accuracy", "train_loss", "sparsity", "nonzeros"]
    /// The matrix-sensing table's metrics.
    public static let matrixSensing = ["relative_error", "effective_rank", "train_loss", "nuclear_norm"]
    /// The most metrics a table shows by default for names none of the built-in problems record.
    public static let maxReportedMetrics = 8

    /// The table's metrics for `recorded` (the names some completed trial recorded): those of the
    /// problem kind (`train_accuracy` marks classification, `effective_rank` matrix sensing) that
    /// were recorded, else the first ``maxReportedMetrics`` names; ``regression`` when none.
    public static func table(recorded: [String]) -> [String] {
        guard !recorded.isEmpty else { return regression }
        let kind = recorded.contains("train_accuracy") ? classification
            : recorded.contains("effective_rank") ? matrixSensing
            : regression
        let shown = kind.filter(recorded.contains)
        return shown.isEmpty ? Array(recorded.sorted().prefix(maxReportedMetrics)) : shown
    }

    /// The generalization metric: `recovery_error`, `test_mse`, `relative_error` or `accuracy`,
    /// the first recorded; else the first of `recorded` (sorted); `recovery_error` when none.
    public static func generalization(recorded: [String]) -> String {
        guard !recorded.isEmpty else { return "recovery_error" }
        return ["recovery_error", "test_mse", "relative_error", "accuracy"].first(where: recorded.contains) ?? recorded.sorted()[0]
    }

    /// Whether lower values of `metric` are better: all but sparsities and accuracies.
    public static func lowerIsBetter(_ metric: String) -> Bool {
        !(metric == "sparsity" || metric.hasPrefix("sparsity@") || metric.hasPrefix("accuracy") || metric.hasSuffix("_accuracy"))
    }

    /// Whether `metric` is a fraction in [0, 1] (sparsities and accuracies), whose plot axes end at 1.
    static func isFraction(_ metric: String) -> Bool {
        !lowerIsBetter(metric)
    }
}
