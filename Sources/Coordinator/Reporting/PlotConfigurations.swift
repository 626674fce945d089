import SweepSpecs

/// The configurations (grid points) of a set of records, aggregated over seeds by ``ResultTable``
/// with one row per combination of the varying axes, and the axes worth naming in labels.
struct PlotConfigurations {
    /// The flat table: one row per configuration, one cell.
    let table: ResultTable
    /// The varying axes, without those that merely repeat another (a zip group's `depth` beside
    /// its `parameterization`): an axis is dropped when its values and an earlier kept axis's
    /// values determine each other.
    let labelAxes: [String]

    /// Aggregates `records` over `metrics`; `extraAxes` join the row key even when constant.
    init(records: [TrialRecord], title: String, metrics: [String], extraAxes: [String] = []) throws(ReportError) {
        var order: [String] = []
        var distinct: [String: Set<String>] = [:]
        for record in records.sorted(by: { $0.spec.index < $1.spec.index }) {
            for axis in record.spec.axes {
                if distinct[axis.name] == nil { order.append(axis.name) }
                distinct[axis.name, default: []].insert(axis.value)
            }
        }
        let rows = order.filter { (distinct[$0]?.count ?? 0) > 1 || extraAxes.contains($0) }
        let recorded = PlotFigures.recordedMetrics(records)
        let shown = recorded.isEmpty ? metrics : metrics.filter(recorded.contains)
        self.init(table: try ResultTable(records: records, options: TableOptions(title: title, rows: rows, metrics: shown)),
                  extraAxes: extraAxes)
    }

    /// The configurations of `table`, whose rows are one per configuration over its varying axes
    /// (and `extraAxes`), as ``ResultTable/init(journal:options:)`` gives them by default.
    init(table: ResultTable, extraAxes: [String] = []) {
        var kept: [String] = []
        for axis in table.rowAxes where !kept.contains(where: { Self.determine(axis, $0, in: table) }) || extraAxes.contains(axis) {
            kept.append(axis)
        }
        self.table = table
        labelAxes = kept
    }

    /// The value of `axis` in a row key.
    static func value(_ key: [AxisValue], _ axis: String) -> String? {
        key.first { $0.name == axis }?.value
    }

    /// A short label of a row key over `axes` (`λ=0.05, off-at:2000`).
    static func label(_ key: [AxisValue], axes: [String]) -> String {
        axes.compactMap { axis in key.first { $0.name == axis }.map(PlotNames.short) }.joined(separator: ", ")
    }

    /// A full description of a row key for tooltips (`weight_decay=0.05, schedule=off-at:2000`).
    static func describe(_ key: [AxisValue]) -> String {
        key.isEmpty ? "(base configuration)" : key.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    }

    /// Whether the values of `a` and `b` over the table's rows determine each other.
    private static func determine(_ a: String, _ b: String, in table: ResultTable) -> Bool {
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        for row in table.rows {
            guard let va = value(row.key, a), let vb = value(row.key, b) else { return false }
            if forward[va, default: vb] != vb || backward[vb, default: va] != va { return false }
            forward[va] = vb
            backward[vb] = va
        }
        return true
    }
}
