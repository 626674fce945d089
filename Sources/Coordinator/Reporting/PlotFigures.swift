import SweepSpecs

/// Builds the charts of each ``PlotKind`` from trial records.
enum PlotFigures {
    /// Log scale when every value is positive and the largest is at least 20 times the smallest
    /// (the values span more than a decade), else linear.
    static func valueScale(_ values: [Double]) -> PlotScaleKind {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), low > 0, high >= 20 * low else { return .linear }
        return .log
    }

    /// The metric names recorded by any completed trial, sorted.
    static func recordedMetrics(_ records: [TrialRecord]) -> [String] {
        var names: Set<String> = []
        for record in records {
            if case let .done(result) = record.outcome { names.formUnion(result.metrics.keys) }
        }
        return names.sorted()
    }

    /// `mean ± std` with 3 significant digits, for tooltips.
    static func summary(_ m: MetricSummary) -> String {
        let mean = PlotTicks.label(m.mean)
        return m.std.map { mean + " ± " + PlotTicks.label($0) } ?? mean
    }

    /// "over 3 seeds" or "1 seed".
    static func seeds(_ count: Int) -> String {
        count == 1 ? "1 seed" : "\(count) seeds"
    }
}
