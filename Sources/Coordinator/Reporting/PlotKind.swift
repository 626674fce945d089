import SweepSpecs

/// The figures `mirrorsweep plot` draws from a journal's records.
public enum PlotKind: String, CaseIterable, Sendable {
    /// Generalization against sparsity, one point per configuration, with the Pareto front.
    case pareto
    /// A metric against one axis, one line per combination of the other varying axes.
    case sweep
    /// Training curves (metric against step, log-scaled) of chosen configurations.
    case curves
}

/// What to draw: the kind, the axes and which configurations.
public struct PlotOptions: Hashable, Sendable {
    /// The figure kind.
    public var kind: PlotKind
    /// The sweep's name, shown in the figure's title.
    public var title: String
    /// The x axis of a sweep figure (a spec axis); nil means `weight_decay` when it varies, else
    /// the first varying axis (a command sweep's first varied field).
    public var x: String?
    /// The metric on the y axis; nil means the kind's default (the problem's generalization metric,
    /// ``MetricDefaults/generalization(recorded:)``, for pareto and sweep; `train_loss` for curves).
    /// Pareto figures ignore it.
    public var y: String?
    /// Keeps only the trials having all these axis values; the figure's subtitle names them.
    public var filter: [AxisValue]

    /// Creates options; defaults choose the axes described on each property.
    public init(kind: PlotKind, title: String, x: String? = nil, y: String? = nil, filter: [AxisValue] = []) {
        self.kind = kind
        self.title = title
        self.x = x
        self.y = y
        self.filter = filter
    }
}

/// Figures drawn from trial records as self-contained SVG.
public enum Plot {
    /// The figure `options` asks for, as SVG text byte-identical for the same set of records.
    ///
    /// A filter, `x` or curve selection naming an axis the records lack is an
    /// ``ReportError/unknownAxis(option:name:allowed:)`` error, a filter no trial matches a
    /// ``ReportError/noTrialMatched(filter:values:)`` error; a `y` metric that no trial recorded, or
    /// a Pareto figure of trials that recorded metrics but no `sparsity` (a command sweep's), is an
    /// ``ReportError/unknownMetric(option:name:allowed:)`` error.
    public static func svg(records: [TrialRecord], options: PlotOptions) throws(ReportError) -> String {
        let selected = try filtered(records, by: options.filter)
        var chart: PlotChart
        let className: String
        switch options.kind {
        case .pareto:
            let recorded = PlotFigures.recordedMetrics(selected)
            if !recorded.isEmpty && !recorded.contains("sparsity") {
                throw .unknownMetric(option: "kind pareto", name: "sparsity", allowed: recorded)
            }
            chart = try PlotFigures.pareto(selected, title: options.title)
            className = "plot-pareto"
        case .sweep:
            chart = try PlotFigures.sweep(selected, title: options.title, x: options.x ?? Report.sweepAxis(selected) ?? "weight_decay",
                                          y: options.y)
            className = "plot-sweep"
        case .curves:
            chart = try PlotFigures.curves(selected, title: options.title, metric: options.y ?? "train_loss", configurations: nil)
            className = "plot-curves"
        }
        if !options.filter.isEmpty {
            let note = "only " + options.filter.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            chart.subtitle = chart.subtitle.map { $0 + "; " + note } ?? note
        }
        return chart.svg(className: className)
    }

    /// The records having every axis value of `filter`; an unknown axis name, or values no trial
    /// has together, are errors.
    static func filtered(_ records: [TrialRecord], by filter: [AxisValue]) throws(ReportError) -> [TrialRecord] {
        guard !filter.isEmpty else { return records }
        var names: [String] = []
        var values: [String: [String]] = [:]
        for record in records {
            for axis in record.spec.axes {
                if !names.contains(axis.name) { names.append(axis.name) }
                if !values[axis.name, default: []].contains(axis.value) { values[axis.name, default: []].append(axis.value) }
            }
        }
        if let unknown = filter.first(where: { !names.contains($0.name) }) {
            throw .unknownAxis(option: "where", name: unknown.name, allowed: names)
        }
        let selected = records.filter { record in filter.allSatisfy { record.spec.axes.contains($0) } }
        if selected.isEmpty && !records.isEmpty {
            var shown: [String: [String]] = [:]
            for axis in filter { shown[axis.name] = values[axis.name] }
            throw .noTrialMatched(filter: filter.map { "\($0.name)=\($0.value)" }, values: shown)
        }
        return selected
    }
}
