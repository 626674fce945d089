/// What a results table shows; mirrors the CLI's `--rows`, `--columns`, `--pool` and `--metrics`.
public struct TableOptions: Hashable, Sendable {
    /// The metrics of a sparse-regression table (``MetricDefaults/regression``).
    public static let defaultMetrics = MetricDefaults.regression

    /// The sweep's name, used in the LaTeX caption and label.
    public var title: String
    /// The axes forming the row key; nil means every varying axis not in `columns`.
    public var rows: [String]?
    /// The axes whose values become column groups (a pivot); empty for a flat table.
    public var columns: [String]
    /// The axes a cell may average over. A cell whose trials differ in an axis that is in neither
    /// `rows`, `columns` nor `pool` is an error: a table never silently averages configurations.
    public var pool: [String]
    /// The metrics shown, in order; naming a metric that no completed trial recorded is an error
    /// once some trial completed. nil means ``defaultMetrics(recorded:)``.
    public var metrics: [String]?

    /// The metrics shown when none are named: ``MetricDefaults/table(recorded:)``.
    public static func defaultMetrics(recorded: [String]) -> [String] {
        MetricDefaults.table(recorded: recorded)
    }

    /// Creates options; the defaults give one row per varying configuration with the default metrics.
    public init(title: String, rows: [String]? = nil, columns: [String] = [], pool: [String] = [], metrics: [String]? = nil) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.pool = pool
        self.metrics = metrics
    }
}
