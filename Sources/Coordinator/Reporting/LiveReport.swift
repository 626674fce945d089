import Core
import SweepSpecs
import Journaling

/// The report's parts that a live view of a running sweep shows: the Pareto plot, the results
/// table and the failures' descriptions, over the trials recorded so far.
package enum LiveReport {
    /// The report's style sheet, for a page that shows these parts.
    package static var css: String { ReportStyle.css }

    /// The inline Pareto scatter of `records`, nil when they record metrics but not `sparsity`.
    package static func paretoSVG(_ records: [TrialRecord], name: String) throws(ReportError) -> String? {
        let recorded = PlotFigures.recordedMetrics(records)
        guard recorded.isEmpty || recorded.contains("sparsity") else { return nil }
        return try PlotFigures.pareto(records, title: name).svg(className: "plot-pareto", standalone: false)
    }

    /// The report's results table of `records` as an HTML `<table class="results">`.
    package static func tableHTML(_ records: [TrialRecord], name: String) throws(ReportError) -> String {
        try Report.resultTable(records, name: name, recorded: PlotFigures.recordedMetrics(records)).html()
    }

    /// The axes of a trial as `weight_decay=0.05, seed …` text (`(base configuration)` without axes).
    package static func describe(_ axes: [AxisValue]) -> String {
        PlotConfigurations.describe(axes)
    }

    /// The end of a log as the report shows it: its last lines, at most a few KiB.
    package static func tail(_ log: String) -> String {
        ReportSections.tail(log)
    }
}
