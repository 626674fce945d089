/// What a results table shows; mirrors the CLI's `--rows`, `--columns` and `--metrics`.
public struct TableOptions: Hashable, Sendable {
    /// The metrics shown by default.
    public static let defaultMetrics = ["recovery_error", "test_mse", "train_loss", "sparsity", "nonzeros"]

    /// The sweep's name, used in the LaTeX caption and label.
    public var title: String
    /// The axes forming the row key; nil means every varying axis not in `columns`.
    public var rows: [String]?
    /// The axes whose values become column groups (a pivot); empty for a flat table.
    public var columns: [String]
    /// The metrics shown, in order; naming a metric that no completed trial recorded is an error
    /// once some trial completed. nil means ``defaultMetrics(recorded:)``.
    public var metrics: [String]?

    /// The most metrics a table shows by default when the trials recorded none of ``defaultMetrics``.
    public static let maxReportedMetrics = 8

    /// The metrics shown when none are named: ``defaultMetrics`` when the trials recorded one of
    /// them or none at all (the built-in core's), else the first ``maxReportedMetrics`` of the
    /// names recorded (a command sweep's), sorted.
    public static func defaultMetrics(recorded: [String]) -> [String] {
        guard !recorded.isEmpty, !recorded.contains(where: defaultMetrics.contains) else { return defaultMetrics }
        return Array(recorded.sorted().prefix(maxReportedMetrics))
    }

    /// Creates options; the defaults give one row per varying configuration with the default metrics.
    public init(title: String, rows: [String]? = nil, columns: [String] = [], metrics: [String]? = nil) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.metrics = metrics
    }
}
