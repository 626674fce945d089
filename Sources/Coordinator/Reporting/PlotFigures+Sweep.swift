import SweepSpecs

extension PlotFigures {
    /// `metric` (default ``MetricDefaults/generalization(recorded:)``: the problem's, else the first
    /// metric recorded, as a command sweep's programs name them) against the axis `x`, one line per
    /// combination of the other label axes, at means over seeds with error bars of one standard
    /// deviation. A numeric axis is linear, or logarithmic when positive and spanning two decades;
    /// any other axis is categorical in grid order.
    static func sweep(_ records: [TrialRecord], title: String, x: String, y: String?) throws(ReportError) -> PlotChart {
        let axisNames = records.reduce(into: [String]()) { names, record in
            for axis in record.spec.axes where !names.contains(axis.name) { names.append(axis.name) }
        }
        guard axisNames.contains(x) else { throw .unknownAxis(option: "x", name: x, allowed: axisNames) }
        let recorded = recordedMetrics(records)
        let metric = y ?? MetricDefaults.generalization(recorded: recorded)
        if !recorded.isEmpty && !recorded.contains(metric) { throw .unknownMetric(option: "y", name: metric, allowed: recorded) }
        let configurations = try PlotConfigurations(records: records, title: title, metrics: [metric], extraAxes: [x])
        let table = configurations.table
        let lineAxes = configurations.labelAxes.filter { $0 != x }

        var xNames: [String] = []
        for row in table.rows {
            if let v = PlotConfigurations.value(row.key, x), !xNames.contains(v) { xNames.append(v) }
        }
        let numeric = xNames.allSatisfy { Double($0) != nil }
        let xKind: PlotScaleKind
        if numeric {
            let values = xNames.compactMap(Double.init)
            let positive = values.allSatisfy { $0 > 0 }
            xKind = positive && (values.max() ?? 0) >= 100 * (values.min() ?? 1) ? .log : .linear
        } else {
            xKind = .categorical(xNames)
        }
        func position(_ value: String) -> Double { numeric ? Double(value)! : Double(xNames.firstIndex(of: value)!) }

        var lines: [String] = []
        var series: [PlotSeries] = []
        for row in table.rows {
            guard let cell = row.cells[0], let m = cell.metrics[metric], m.mean.isFinite,
                  let xv = PlotConfigurations.value(row.key, x) else { continue }
            let name = PlotConfigurations.label(row.key, axes: lineAxes)
            if !lines.contains(name) {
                lines.append(name)
                series.append(PlotSeries(name: name, points: [], connected: true))
            }
            let tooltip = PlotConfigurations.describe(row.key) + ": " + metric.replacingOccurrences(of: "_", with: " ")
                + " " + summary(m) + " (\(m.count) of \(cell.done + cell.failed) seeds)"
            series[lines.firstIndex(of: name)!].points.append(
                PlotPoint(x: position(xv), y: m.mean, xError: nil, yError: m.std, label: nil, tooltip: tooltip))
        }
        let baselines = x == "weight_decay" && lineAxes.contains("schedule") ? sharedBaselines(table, metric: metric, lineAxes: lineAxes) : []
        for (line, point) in baselines {
            if let i = lines.firstIndex(of: line), !series[i].points.contains(where: { $0.x == point.x }) { series[i].points.append(point) }
        }
        for i in series.indices { series[i].points.sort { $0.x < $1.x } }
        var notes = ["mean ± std over \(seeds(table.seedCount))"]
        if !baselines.isEmpty { notes.append("λ = 0 is every schedule's baseline") }
        if !lineAxes.isEmpty { notes.append("one line per " + lineAxes.joined(separator: " × ")) }
        return PlotChart(
            title: "\(title): \(metric.replacingOccurrences(of: "_", with: " ")) versus \(x.replacingOccurrences(of: "_", with: " "))",
            subtitle: notes.joined(separator: "; "),
            x: PlotAxis(title: PlotNames.title(x), kind: xKind),
            y: PlotAxis(title: PlotNames.title(metric), kind: MetricDefaults.isFraction(metric) ? .linear : valueScale(series.flatMap { $0.points.map(\.y) }),
                        upperLimit: MetricDefaults.isFraction(metric) ? 1 : nil),
            series: series)
    }

    /// Points at λ = 0, where the schedule has no effect (λₜ = λ · factor(t) = 0), for the lines
    /// that differ from their configuration only in `schedule`: each line then starts at its baseline.
    private static func sharedBaselines(_ table: ResultTable, metric: String, lineAxes: [String]) -> [(line: String, point: PlotPoint)] {
        var schedules: [String] = []
        for row in table.rows {
            if let s = PlotConfigurations.value(row.key, "schedule"), !schedules.contains(s) { schedules.append(s) }
        }
        var result: [(line: String, point: PlotPoint)] = []
        for row in table.rows {
            guard let xv = PlotConfigurations.value(row.key, "weight_decay"), Double(xv) == 0,
                  let m = row.cells[0]?.metrics[metric], m.mean.isFinite else { continue }
            for schedule in schedules where schedule != PlotConfigurations.value(row.key, "schedule") {
                let key = row.key.map { $0.name == "schedule" ? AxisValue(name: "schedule", value: schedule) : $0 }
                let line = PlotConfigurations.label(key, axes: lineAxes)
                result.append((line, PlotPoint(x: 0, y: m.mean, label: nil, tooltip: "", shared: true)))
            }
        }
        return result
    }
}
