import Core
import Foundation
import SweepSpecs

/// The HTML report of a sweep: one self-contained file with inline SVG figures and CSS, no scripts
/// and no fonts or files from elsewhere.
public enum Report {
    /// The report of `records` (the journal's `records()`), byte-identical for the same inputs.
    ///
    /// It holds the Pareto scatter (when the trials record sparsity), generalization and sparsity against weight decay (or the first
    /// varying axis), training curves of up to ``PlotFigures/defaultCurveLimit`` configurations or
    /// the Pareto front's, the results table (without axes that merely repeat another, like a zip group's
    /// `depth` beside `parameterization`), and the sweep's metadata and failures.
    public static func html(records: [TrialRecord], metadata: ReportMetadata) throws(ReportError) -> String {
        let name = metadata.sweep?.name ?? "sweep"
        let recorded = PlotFigures.recordedMetrics(records)
        let hasSparsity = recorded.isEmpty || recorded.contains("sparsity")
        let figures = try (hasSparsity ? [paretoFigure(records, name: name)] : [])
            + sweepFigures(records, name: name, recorded: recorded)
            + curveFigures(records, name: name, recorded: recorded)
        let table = try resultTable(records, name: name, recorded: recorded)
        var html = head(name: name)
        html += [
            "<body>",
            "<h1>Sweep <code>\(SVGDocument.escape(name))</code></h1>",
            "<p class=\"summary\">\(SVGDocument.escape(summary(records, seeds: table.seedCount)))</p>",
        ]
        html += figureSection(figures)
        html += tableSection(table)
        html += ReportSections.metadata(metadata, records: records)
        html += ReportSections.failures(records, logs: metadata.failureLogs)
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    /// A figure of the report: the inline SVG and its caption (plain text).
    private struct Figure {
        var svg: String
        var caption: String
    }

    /// The Pareto scatter of generalization against sparsity.
    private static func paretoFigure(_ records: [TrialRecord], name: String) throws(ReportError) -> Figure {
        Figure(svg: try PlotFigures.pareto(records, title: name).svg(className: "plot-pareto", standalone: false),
               caption: "Generalization against sparsity, one point per configuration (mean over seeds, error bars ±1 standard "
                   + "deviation in both directions). Circled points and the dashed staircase form the Pareto front: no other "
                   + "configuration has lower error and higher sparsity.")
    }

    /// Generalization (``MetricDefaults/generalization(recorded:)``) and sparsity (else effective
    /// rank, else the next metric recorded, as a command sweep's) against the ``sweepAxis(_:)``;
    /// none when no axis varies.
    private static func sweepFigures(_ records: [TrialRecord], name: String, recorded: [String]) throws(ReportError) -> [Figure] {
        guard let x = sweepAxis(records) else { return [] }
        let generalization = MetricDefaults.generalization(recorded: recorded)
        let second = ["sparsity", "effective_rank"].first(where: recorded.contains) ?? recorded.first { $0 != generalization }
        let shown = recorded.isEmpty ? [generalization, "sparsity"] : [generalization] + (second.map { [$0] } ?? [])
        var figures: [Figure] = []
        for metric in shown where recorded.contains(metric) || recorded.isEmpty {
            figures.append(Figure(
                svg: try PlotFigures.sweep(records, title: name, x: x, y: metric).svg(className: "plot-sweep", standalone: false),
                caption: "\(PlotNames.title(metric).capitalizedFirst) against \(PlotNames.title(x)), one line per combination of the "
                    + "other varying axes; error bars ±1 standard deviation over seeds."))
        }
        return figures
    }

    /// Training loss and the generalization metric during training, each when some completed trial recorded its curve.
    private static func curveFigures(_ records: [TrialRecord], name: String, recorded: [String]) throws(ReportError) -> [Figure] {
        var curveMetrics: Set<String> = []
        for record in records {
            if case let .done(result) = record.outcome { for point in result.curves { curveMetrics.formUnion(point.metrics.keys) } }
        }
        var figures: [Figure] = []
        for metric in ["train_loss", MetricDefaults.generalization(recorded: recorded)] where curveMetrics.contains(metric) {
            figures.append(Figure(
                svg: try PlotFigures.curves(records, title: name, metric: metric, configurations: nil)
                    .svg(className: "plot-curves", standalone: false),
                caption: "\(PlotNames.title(metric).capitalizedFirst) during training: mean over the completed seeds of each "
                    + "configuration shown, the band ±1 standard deviation, on a logarithmic step axis."))
        }
        return figures
    }

    /// The results table over the problem's recorded default metrics, its rows keyed by the axes
    /// that label configurations (an axis left out repeats one of them, so no row averages configurations).
    static func resultTable(_ records: [TrialRecord], name: String, recorded: [String]) throws(ReportError) -> ResultTable {
        // `nonzeros` repeats `sparsity` (nonzeros = (1 − sparsity) · d) and would widen the table past the page.
        let metrics = MetricDefaults.table(recorded: recorded).filter { $0 != "nonzeros" }
        let rows = try PlotConfigurations(records: records, title: name, metrics: []).labelAxes
        return try ResultTable(records: records, options: TableOptions(
            title: name, rows: rows, metrics: metrics.isEmpty ? nil : metrics))
    }

    /// The document's start up to `</head>`: title and inline style.
    private static func head(name: String) -> [String] {
        [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>\(SVGDocument.escape(name)) — MirrorSweep report</title>",
            "<style>", ReportStyle.css, "</style>",
            "</head>",
        ]
    }

    /// The figures, numbered from 1, under their heading.
    private static func figureSection(_ figures: [Figure]) -> [String] {
        var html = ["<h2>Figures</h2>"]
        for (i, figure) in figures.enumerated() {
            html += ["<figure class=\"figure\">", figure.svg,
                     "<figcaption><b>Figure \(i + 1).</b> \(SVGDocument.escape(figure.caption))</figcaption>", "</figure>"]
        }
        return html
    }

    /// The results table under its heading, with the note on how to read it.
    private static func tableSection(_ table: ResultTable) -> [String] {
        [
            "<h2>Results table</h2>",
            "<p class=\"note\">Mean ± sample standard deviation over seeds (diverged seeds counted in n, left out of the means); "
                + "bold: best value of each column (↓ lower is better, ↑ higher is better); ★: Pareto front.</p>",
            "<div class=\"table-wrap\">", table.html(), "</div>",
        ]
    }

    /// The x axis of the sweep figures: `weight_decay` when it varies, else the first varying axis.
    static func sweepAxis(_ records: [TrialRecord]) -> String? {
        var order: [String] = []
        var values: [String: Set<String>] = [:]
        for record in records {
            for axis in record.spec.axes {
                if values[axis.name] == nil { order.append(axis.name) }
                values[axis.name, default: []].insert(axis.value)
            }
        }
        let varying = order.filter { (values[$0]?.count ?? 0) > 1 }
        return varying.contains("weight_decay") ? "weight_decay" : varying.first
    }

    /// "30 trials: 28 done (1 diverged), 1 failed, 1 pending; 3 seeds."
    static func summary(_ records: [TrialRecord], seeds: Int) -> String {
        var done = 0, diverged = 0, failed = 0, pending = 0
        for record in records {
            switch record.outcome {
            case nil: pending += 1
            case .failed: failed += 1
            case let .done(result):
                done += 1
                if result.status == .diverged { diverged += 1 }
            }
        }
        return "\(records.count) trials: \(done) done (\(diverged) diverged), \(failed) failed, \(pending) pending; "
            + PlotFigures.seeds(seeds) + "."
    }
}

private extension String {
    /// The string with its first character uppercased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
