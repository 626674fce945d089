import Core

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
    public init(records: [TrialRecord], options: TableOptions) throws(CoordinatorError) {
        let sorted = records.sorted { $0.spec.index < $1.spec.index }
        var axisOrder: [String] = []
        var distinct: [String: Set<String>] = [:]
        for record in sorted {
            for axis in record.spec.axes {
                if distinct[axis.name] == nil { axisOrder.append(axis.name) }
                distinct[axis.name, default: []].insert(axis.value)
            }
        }
        for name in options.columns where distinct[name] == nil {
            throw .unknownAxis(option: "columns", name: name, allowed: axisOrder)
        }
        for name in options.rows ?? [] where distinct[name] == nil || options.columns.contains(name) {
            throw .unknownAxis(option: "rows", name: name, allowed: axisOrder.filter { !options.columns.contains($0) })
        }
        let rowAxes = options.rows ?? axisOrder.filter { distinct[$0]!.count > 1 && !options.columns.contains($0) }
        title = options.title
        self.rowAxes = rowAxes
        columnAxes = options.columns
        metrics = options.metrics
        seedCount = Set(records.map(\.spec.seed)).count

        struct Accumulator {
            var cell: TableCell
            var values: [String: [Double]] = [:]
        }
        func key(_ spec: TrialSpec, _ names: [String]) -> [AxisValue] {
            names.map { name in AxisValue(name: name, value: spec.axes.first { $0.name == name }?.value ?? "—") }
        }
        var rowIndex: [[AxisValue]: Int] = [:]
        var rowKeys: [[AxisValue]] = []
        var groupIndex: [[AxisValue]: Int] = [:]
        var groups: [[AxisValue]] = []
        var cells: [[Int: Accumulator]] = []
        for record in sorted {
            let rk = key(record.spec, rowAxes)
            let ck = key(record.spec, options.columns)
            let r = rowIndex[rk] ?? { rowIndex[rk] = rowKeys.count; rowKeys.append(rk); cells.append([:]); return rowKeys.count - 1 }()
            let g = groupIndex[ck] ?? { groupIndex[ck] = groups.count; groups.append(ck); return groups.count - 1 }()
            var acc = cells[r][g] ?? Accumulator(cell: TableCell(done: 0, failed: 0, diverged: 0, metrics: [:],
                                                                 pareto: false, firstIndex: record.spec.index))
            switch record.outcome {
            case nil:
                break
            case .failed:
                acc.cell.failed += 1
            case let .done(result):
                acc.cell.done += 1
                if result.status == .diverged {
                    acc.cell.diverged += 1
                } else {
                    for (name, value) in result.metrics { acc.values[name, default: []].append(value) }
                }
            }
            cells[r][g] = acc
        }
        columnGroups = groups
        let hasRecovery = cells.contains { $0.values.contains { $0.values["recovery_error"] != nil } }
        generalizationMetric = hasRecovery ? "recovery_error" : "test_mse"
        var built: [TableRow] = zip(rowKeys, cells).map { rk, accs in
            TableRow(key: rk, cells: groups.indices.map { g in
                accs[g].map { acc in
                    var cell = acc.cell
                    cell.metrics = acc.values.mapValues(MetricSummary.init)
                    return cell
                }
            })
        }
        ParetoFront.mark(&built, generalization: generalizationMetric, sparsity: "sparsity")
        rows = built
    }
}
