import SweepSpecs

extension PlotFigures {
    /// The most curves a figure shows when no configurations are chosen; beyond it, the Pareto front's.
    static let defaultCurveLimit = 8

    /// Training curves of `metric` against the step (log scale, step 0 left out), one line per
    /// configuration at the mean over its completed seeds at each recorded step, in a band of one
    /// standard deviation over those seeds.
    ///
    /// `configurations` are row keys over the varying axes; nil means every configuration when
    /// there are at most ``defaultCurveLimit``, else those on the Pareto front.
    static func curves(_ records: [TrialRecord], title: String, metric: String,
                       configurations keys: [[AxisValue]]?) throws(ReportError) -> PlotChart {
        var recorded: Set<String> = []
        for record in records {
            if case let .done(result) = record.outcome { for point in result.curves { recorded.formUnion(point.metrics.keys) } }
        }
        if !recorded.isEmpty && !recorded.contains(metric) { throw .unknownAxis(option: "y", name: metric, allowed: recorded.sorted()) }
        let configurations = try PlotConfigurations(records: records, title: title,
                                                    metrics: ["recovery_error", "test_mse", "relative_error", "accuracy", "sparsity"])
        let table = configurations.table
        let rows = table.rows.filter { row in
            if let keys { return keys.contains(row.key) }
            return table.rows.count <= defaultCurveLimit || row.cells[0]?.pareto == true
        }
        var series: [PlotSeries] = []
        for row in rows {
            var values: [Int: [Double]] = [:]
            for record in records.sorted(by: { $0.spec.index < $1.spec.index }) {
                guard case let .done(result) = record.outcome, result.status == .completed,
                      table.rowAxes.allSatisfy({ name in record.spec.axes.first { $0.name == name }?.value == PlotConfigurations.value(row.key, name) })
                else { continue }
                for point in result.curves where point.step > 0 {
                    guard let v = point.metrics[metric], v.isFinite else { continue }
                    values[point.step, default: []].append(v)
                }
            }
            guard !values.isEmpty else { continue }
            let name = PlotConfigurations.label(row.key, axes: configurations.labelAxes)
            let points = values.keys.sorted().map { step in
                let m = MetricSummary(values[step, default: []])
                return PlotPoint(x: Double(step), y: m.mean, xError: nil, yError: m.std, label: nil,
                                 tooltip: "\(PlotConfigurations.describe(row.key)), step \(step): \(summary(m)) (over \(m.count) seeds)")
            }
            series.append(PlotSeries(name: name.isEmpty ? "all trials" : name, points: points, connected: true, markerRadius: 2.5, band: true))
        }
        let values = series.flatMap { $0.points.map(\.y) }
        let shown = keys == nil && table.rows.count > defaultCurveLimit ? "Pareto-front configurations" : "one line per configuration"
        return PlotChart(
            title: "\(title): training curves of \(metric.replacingOccurrences(of: "_", with: " "))",
            subtitle: "\(shown); mean over completed seeds at each recorded step, band ±1 std",
            x: PlotAxis(title: PlotNames.title("step"), kind: .log),
            y: PlotAxis(title: PlotNames.title(metric), kind: !MetricDefaults.isFraction(metric) && values.allSatisfy { $0 > 0 } ? valueScale(values) : .linear,
                        upperLimit: MetricDefaults.isFraction(metric) ? 1 : nil),
            series: series, emptyMessage: "no recorded curves to plot")
    }
}
