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
struct TableBuilder {
    private struct Accumulator {
        var cell: TableCell
        var values: [String: [Double]] = [:]
    }

    private let options: TableOptions
    private let rowAxes: [String]
    private let seedCount: Int
    private var rowKeys = OrderedKeys()
    private var groups = OrderedKeys()
    private var cells: [[Int: Accumulator]] = []

    /// Checks the axes named in `options` against `axes` and picks the row axes.
    init(axes: TableAxes, seedCount: Int, options: TableOptions) throws(ReportError) {
        for name in options.columns where axes.distinct[name] == nil {
            throw .unknownAxis(option: "columns", name: name, allowed: axes.order)
        }
        for name in options.rows ?? [] where axes.distinct[name] == nil || options.columns.contains(name) {
            throw .unknownAxis(option: "rows", name: name, allowed: axes.order.filter { !options.columns.contains($0) })
        }
        self.options = options
        self.seedCount = seedCount
        rowAxes = options.rows ?? axes.order.filter { axes.distinct[$0]!.count > 1 && !options.columns.contains($0) }
    }

    /// Adds one trial; trials must come in grid order.
    mutating func add(index: Int, axes: [AxisValue], outcome: TableOutcome?) {
        func key(_ names: [String]) -> [AxisValue] {
            names.map { name in AxisValue(name: name, value: axes.first { $0.name == name }?.value ?? "—") }
        }
        let rk = key(rowAxes)
        let ck = key(options.columns)
        let r = rowKeys.position(of: rk)
        if r == cells.count { cells.append([:]) }
        let g = groups.position(of: ck)
        var acc = cells[r].removeValue(forKey: g)
            ?? Accumulator(cell: TableCell(done: 0, failed: 0, diverged: 0, metrics: [:], pareto: false, firstIndex: index))
        switch outcome {
        case nil:
            break
        case .failed:
            acc.cell.failed += 1
        case .diverged:
            acc.cell.done += 1
            acc.cell.diverged += 1
        case let .completed(metrics):
            acc.cell.done += 1
            for (name, value) in metrics { acc.values[name, default: []].append(value) }
        }
        cells[r][g] = acc
    }

    /// The table of every trial added.
    func build() -> ResultTable {
        let hasRecovery = cells.contains { $0.values.contains { $0.values["recovery_error"] != nil } }
        let generalization = hasRecovery ? "recovery_error" : "test_mse"
        var rows: [TableRow] = zip(rowKeys.keys, cells).map { rk, accs in
            TableRow(key: rk, cells: groups.keys.indices.map { g in
                accs[g].map { acc in
                    var cell = acc.cell
                    cell.metrics = acc.values.mapValues(MetricSummary.init)
                    return cell
                }
            })
        }
        ParetoFront.mark(&rows, generalization: generalization, sparsity: "sparsity")
        return ResultTable(
            title: options.title, rowAxes: rowAxes, columnAxes: options.columns, columnGroups: groups.keys,
            metrics: options.metrics, seedCount: seedCount, generalizationMetric: generalization, rows: rows)
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
