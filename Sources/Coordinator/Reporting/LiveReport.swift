import Core
import SweepSpecs
import Journaling

/// The report's parts that a live view of a running sweep shows: the Pareto plot, the results
/// table and the failures' descriptions, over the trials recorded so far.
package enum LiveReport {
    /// The report's style sheet, for a page that shows these parts.
    package static var css: String { ReportStyle.css }

    /// The table of what `journal` records so far, for the current spec: the default table of
    /// `mirrorsweep table` (a row per configuration, the problem's metrics), read by streaming the
    /// journal (``ResultTable/init(journal:options:)``) rather than decoding every trial.
    package static func table(_ journal: Journal, name: String) throws -> ResultTable {
        try ResultTable(journal: journal, options: TableOptions(title: name))
    }

    /// The inline Pareto scatter of `table`, nil when it shows metrics but not `sparsity`.
    package static func paretoSVG(_ table: ResultTable, name: String) -> String? {
        guard table.metrics.isEmpty || table.metrics.contains("sparsity") else { return nil }
        return PlotFigures.pareto(PlotConfigurations(table: table), title: name).svg(className: "plot-pareto", standalone: false)
    }

    /// `table` as an HTML `<table class="results">`.
    package static func tableHTML(_ table: ResultTable) -> String {
        table.html()
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
