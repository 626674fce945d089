import SweepSpecs

extension PlotFigures {
    /// Generalization (``MetricDefaults/generalization(recorded:)``: `recovery_error`, `test_mse`,
    /// `relative_error` or `accuracy`) against sparsity: one point per
    /// configuration at its means over seeds, error bars of one standard deviation both ways, the
    /// table's Pareto front as a staircase. Points are coloured by the last label axis when two or
    /// more axes vary, and labelled by the others.
    static func pareto(_ records: [TrialRecord], title: String) throws(ReportError) -> PlotChart {
        pareto(try PlotConfigurations(records: records, title: title,
                                      metrics: ["recovery_error", "test_mse", "relative_error", "accuracy", "sparsity"]), title: title)
    }

    /// The Pareto scatter of `configurations`, whose table holds the generalization metric and `sparsity`.
    static func pareto(_ configurations: PlotConfigurations, title: String) -> PlotChart {
        let table = configurations.table
        let error = table.generalizationMetric
        let axes = configurations.labelAxes
        let colourAxis = axes.count >= 2 ? axes.last : nil
        let labelAxes = colourAxis == nil ? axes : Array(axes.dropLast())
        var groups: [String] = []
        var series: [PlotSeries] = []
        var front: [(x: Double, y: Double)] = []
        for row in table.rows {
            guard let cell = row.cells[0], let e = cell.metrics[error], let s = cell.metrics["sparsity"],
                  e.mean.isFinite, s.mean.isFinite else { continue }
            let group = colourAxis.flatMap { PlotConfigurations.value(row.key, $0) } ?? ""
            if !groups.contains(group) {
                groups.append(group)
                series.append(PlotSeries(name: group, points: [], connected: false))
            }
            let label = PlotConfigurations.label(row.key, axes: labelAxes)
            let tooltip = PlotConfigurations.describe(row.key) + ": sparsity " + summary(s) + ", " + error.replacingOccurrences(of: "_", with: " ")
                + " " + summary(e) + " (\(cell.done - cell.diverged) of \(cell.done + cell.failed) seeds)" + (cell.pareto ? ", Pareto front" : "")
            series[groups.firstIndex(of: group)!].points.append(
                PlotPoint(x: s.mean, y: e.mean, xError: s.std, yError: e.std, label: label.isEmpty ? nil : label,
                          tooltip: tooltip, front: cell.pareto))
            if cell.pareto { front.append((s.mean, e.mean)) }
        }
        front.sort { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        var notes = ["mean ± std over \(seeds(table.seedCount))", "circled and dashed: Pareto front"]
        if !labelAxes.isEmpty { notes.append("labels: " + labelAxes.map(PlotNames.symbol).joined(separator: ", ")) }
        if let colourAxis { notes.append("colour: \(colourAxis)") }
        return PlotChart(
            title: "\(title): generalization versus sparsity", subtitle: notes.joined(separator: "; "),
            x: PlotAxis(title: PlotNames.title("sparsity"), kind: .linear, upperLimit: 1),
            y: PlotAxis(title: PlotNames.title(error),
                        kind: MetricDefaults.isFraction(error) ? .linear : valueScale(series.flatMap { $0.points.map(\.y) }),
                        upperLimit: MetricDefaults.isFraction(error) ? 1 : nil),
            series: series, front: front)
    }
}
