import SweepSpecs

/// What the table needs of a trial's outcome.
enum TableOutcome {
    case failed
    case diverged
    case completed([String: Double])
}

/// The axis names in order of first appearance (by grid index) and the distinct values of each.
struct TableAxes {
    var order: [String] = []
    var distinct: [String: Set<String>] = [:]

    mutating func add(_ axes: [AxisValue]) {
        for axis in axes {
            if distinct[axis.name] == nil { order.append(axis.name) }
            distinct[axis.name, default: []].insert(axis.value)
        }
    }
}

/// Builds a ``ResultTable`` from trials fed in grid order, one at a time, so that the trials
/// themselves need not be held in memory.
///
/// A trial goes to a cell, found from its axes by ``cell(axes:index:)``, and its metrics to lists
/// numbered by ``metricID(_:)``; a reader that knows which trials share axes finds each cell once.
struct TableBuilder {
    private struct Accumulator {
        var cell: TableCell
        /// The values of the ``checkedAxes`` of the cell's first configuration.
        var checked: [String]
        /// The values of each metric by ``metricID(_:)``, in the order added.
        var values: [[Double]] = []
    }

    private let options: TableOptions
    private let rowAxes: [String]
    /// The varying axes in neither rows, columns nor the pool: a cell's trials must agree on them.
    private let checkedAxes: [String]
    /// The varying axes in grid order, to name in errors.
    private let variedAxes: [String]
    /// The checked axes on which some cell's trials differ.
    private var pooledAxes: Set<String> = []
    private let seedCount: Int
    private var rowKeys = OrderedKeys()
    private var groups = OrderedKeys()
    /// The accumulator of each column group, by row.
    private var rowCells: [[Int: Int]] = []
    private var accumulators: [Accumulator] = []
    private var metricNames: [String] = []
    private var metricIDs: [String: Int] = [:]

    /// Checks the axes named in `options` against `axes` and picks the row axes.
    init(axes: TableAxes, seedCount: Int, options: TableOptions) throws(ReportError) {
        for name in options.pool where axes.distinct[name] == nil {
            throw .unknownAxis(option: "pool", name: name, allowed: axes.order)
        }
        for name in options.columns where axes.distinct[name] == nil {
            throw .unknownAxis(option: "columns", name: name, allowed: axes.order)
        }
        for name in options.rows ?? [] where axes.distinct[name] == nil || options.columns.contains(name) {
            throw .unknownAxis(option: "rows", name: name, allowed: axes.order.filter { !options.columns.contains($0) })
        }
        self.options = options
        self.seedCount = seedCount
        let varied = axes.order.filter { (axes.distinct[$0]?.count ?? 0) > 1 }
        let rowAxes = options.rows ?? varied.filter { !options.columns.contains($0) }
        self.rowAxes = rowAxes
        variedAxes = varied
        checkedAxes = varied.filter { !rowAxes.contains($0) && !options.columns.contains($0) && !options.pool.contains($0) }
    }

    /// Adds one trial; trials must come in grid order.
    mutating func add(index: Int, axes: [AxisValue], outcome: TableOutcome?) {
        add(outcome, to: cell(axes: axes, index: index))
    }

    /// Adds the outcome of a trial of `cell` (nil while pending).
    mutating func add(_ outcome: TableOutcome?, to cell: Int) {
        switch outcome {
        case nil:
            break
        case .failed:
            addFailed(to: cell)
        case .diverged:
            addDiverged(to: cell)
        case let .completed(metrics):
            addCompleted(to: cell)
            for (name, value) in metrics { add(value, metric: metricID(name), to: cell) }
        }
    }

    /// The cell of the trials with `axes`, made for the trial at grid `index` when it is the first.
    mutating func cell(axes: [AxisValue], index: Int) -> Int {
        func key(_ names: [String]) -> [AxisValue] {
            names.map { name in AxisValue(name: name, value: axes.first { $0.name == name }?.value ?? "—") }
        }
        let r = rowKeys.position(of: key(rowAxes))
        if r == rowCells.count { rowCells.append([:]) }
        let g = groups.position(of: key(options.columns))
        let checked = key(checkedAxes).map(\.value)
        if let found = rowCells[r][g] {
            if !axes.isEmpty, checked != accumulators[found].checked {
                for (name, (a, b)) in zip(checkedAxes, zip(checked, accumulators[found].checked)) where a != b { pooledAxes.insert(name) }
            }
            return found
        }
        accumulators.append(Accumulator(
            cell: TableCell(done: 0, failed: 0, diverged: 0, metrics: [:], pareto: false, firstIndex: index), checked: checked))
        rowCells[r][g] = accumulators.count - 1
        return accumulators.count - 1
    }

    /// The number of the metric `name`, for ``add(_:metric:to:)``.
    mutating func metricID(_ name: String) -> Int {
        if let id = metricIDs[name] { return id }
        metricIDs[name] = metricNames.count
        metricNames.append(name)
        return metricNames.count - 1
    }

    /// Counts a trial whose every attempt failed.
    mutating func addFailed(to cell: Int) {
        accumulators[cell].cell.failed += 1
    }

    /// Counts a trial that diverged.
    mutating func addDiverged(to cell: Int) {
        accumulators[cell].cell.done += 1
        accumulators[cell].cell.diverged += 1
    }

    /// Counts a completed trial; its metrics follow with ``add(_:metric:to:)``.
    mutating func addCompleted(to cell: Int) {
        accumulators[cell].cell.done += 1
    }

    /// Adds a completed trial's value of a metric.
    mutating func add(_ value: Double, metric: Int, to cell: Int) {
        while accumulators[cell].values.count <= metric { accumulators[cell].values.append([]) }
        accumulators[cell].values[metric].append(value)
    }

    /// The names of the metrics some completed trial recorded, sorted.
    var recordedMetrics: [String] {
        metricNames.indices.filter { id in accumulators.contains { $0.values.count > id && !$0.values[id].isEmpty } }
            .map { metricNames[$0] }.sorted()
    }

    /// The table of every trial added. A cell whose trials differ in an axis that the options
    /// neither show nor pool is an error, and so is a metric named in the options that no
    /// completed trial recorded once some trial completed.
    func build() throws(ReportError) -> ResultTable {
        if !pooledAxes.isEmpty {
            throw .pooledAxes(axes: checkedAxes.filter(pooledAxes.contains), varied: variedAxes)
        }
        let recorded = recordedMetrics
        if let requested = options.metrics, !recorded.isEmpty,
           let unknown = requested.first(where: { !recorded.contains($0) }) {
            throw .unknownMetric(option: "metrics", name: unknown, allowed: recorded)
        }
        let generalization = MetricDefaults.generalization(recorded: recorded)
        var rows: [TableRow] = zip(rowKeys.keys, rowCells).map { rk, cells in
            TableRow(key: rk, cells: groups.keys.indices.map { g in cells[g].map(summary) })
        }
        ParetoFront.mark(&rows, generalization: generalization, sparsity: "sparsity")
        return ResultTable(
            title: options.title, rowAxes: rowAxes, columnAxes: options.columns, columnGroups: groups.keys,
            metrics: options.metrics ?? TableOptions.defaultMetrics(recorded: recorded), seedCount: seedCount, generalizationMetric: generalization, rows: rows)
    }

    /// The cell of accumulator `index`, with the summary of each metric that has values.
    private func summary(_ index: Int) -> TableCell {
        let acc = accumulators[index]
        var cell = acc.cell
        for (id, values) in acc.values.enumerated() where !values.isEmpty {
            cell.metrics[metricNames[id]] = MetricSummary(values)
        }
        return cell
    }
}

/// Table keys in the order they were first seen, each with its position.
private struct OrderedKeys {
    private(set) var keys: [[AxisValue]] = []
    private var positions: [[AxisValue]: Int] = [:]

    /// The position of `key`, which is appended when new.
    mutating func position(of key: [AxisValue]) -> Int {
        if let found = positions[key] { return found }
        positions[key] = keys.count
        keys.append(key)
        return keys.count - 1
    }
}
