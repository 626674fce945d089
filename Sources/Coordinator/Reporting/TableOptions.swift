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
    /// The metrics shown, in order; a metric no trial recorded shows as missing.
    public var metrics: [String]

    /// Creates options; the defaults give one row per varying configuration with the default metrics.
    public init(title: String, rows: [String]? = nil, columns: [String] = [], metrics: [String] = TableOptions.defaultMetrics) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.metrics = metrics
    }
}
