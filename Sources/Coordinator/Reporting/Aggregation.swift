import Core
import SweepSpecs

/// Mean and sample standard deviation of one metric over the completed trials of a cell.
public struct MetricSummary: Hashable, Sendable {
    public var mean: Double
    /// Sample standard deviation (n − 1); nil for a single value.
    public var std: Double?
    /// How many completed trials recorded the metric.
    public var count: Int

    /// Summarizes `values`, which must not be empty; they are summed in the given order.
    init(_ values: [Double]) {
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        let m = mean
        std = values.count < 2 ? nil : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        count = values.count
    }

    /// A summary with the given mean and spread (a standard deviation or an interval's half-width).
    init(mean: Double, std: Double?, count: Int) {
        self.mean = mean
        self.std = std
        self.count = count
    }
}

/// The trials sharing one row key and one column key.
public struct TableCell: Hashable, Sendable {
    /// Trials with a result (completed or diverged).
    public var done: Int
    /// Trials whose every attempt failed.
    public var failed: Int
    /// Trials that diverged; counted in `done`, excluded from the means.
    public var diverged: Int
    /// Summaries of the completed trials by metric name.
    public var metrics: [String: MetricSummary]
    /// Whether no other cell is at least as good on both generalization and sparsity and better on one.
    public var pareto: Bool
    /// The smallest grid index among the cell's trials.
    public var firstIndex: Int
}

/// One row: its axis values and one cell per column group (nil where no trial falls).
public struct TableRow: Hashable, Sendable {
    public var key: [AxisValue]
    public var cells: [TableCell?]
}

/// Recorded trials aggregated over seeds into the generalization-versus-sparsity table.
///
/// The result depends only on the set of records, not their order: rows and column groups are
/// sorted by the grid index of their first trial and values are summed in grid order.
public struct ResultTable: Hashable, Sendable {
    /// The sweep's name.
    public var title: String
    /// The axes of the row key.
    public var rowAxes: [String]
    /// The axes of the column key (empty without a pivot).
    public var columnAxes: [String]
    /// The column groups' axis values; one empty group without a pivot.
    public var columnGroups: [[AxisValue]]
    /// The metrics shown.
    public var metrics: [String]
    /// The number of distinct seeds among the records.
    public var seedCount: Int
    /// The metric that measures generalization in the Pareto front (`recovery_error`, else `test_mse`).
    public var generalizationMetric: String
    public var rows: [TableRow]

    /// Aggregates `records`; an axis named in `options` that the records lack is an error.
    public init(records: [TrialRecord], options: TableOptions) throws(ReportError) {
        let sorted = records.sorted { $0.spec.index < $1.spec.index }
        var axes = TableAxes()
        for record in sorted { axes.add(record.spec.axes) }
        var builder = try TableBuilder(axes: axes, seedCount: Set(records.map(\.spec.seed)).count, options: options)
        for record in sorted {
            let outcome: TableOutcome?
            switch record.outcome {
            case nil: outcome = nil
            case .failed: outcome = .failed
            case let .done(result): outcome = result.status == .diverged ? .diverged : .completed(result.metrics)
            }
            builder.add(index: record.spec.index, axes: record.spec.axes, outcome: outcome)
        }
        self = try builder.build()
    }

    init(title: String, rowAxes: [String], columnAxes: [String], columnGroups: [[AxisValue]], metrics: [String],
         seedCount: Int, generalizationMetric: String, rows: [TableRow]) {
        self.title = title
        self.rowAxes = rowAxes
        self.columnAxes = columnAxes
        self.columnGroups = columnGroups
        self.metrics = metrics
        self.seedCount = seedCount
        self.generalizationMetric = generalizationMetric
        self.rows = rows
    }
}
