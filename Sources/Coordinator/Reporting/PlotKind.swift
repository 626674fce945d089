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
    /// The metric on the y axis; nil means the kind's default (`recovery_error` or `test_mse` for
    /// pareto and sweep, else a sweep's first recorded metric; `train_loss` for curves). Pareto
    /// figures ignore it.
    public var y: String?
    /// Keeps only the trials having all these axis values.
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
    /// A filter, `x` or curve selection naming an axis the records lack, or a `y` metric that no
    /// trial recorded, is an ``ReportError/unknownAxis(option:name:allowed:)`` error; a Pareto
    /// figure of trials that recorded metrics but no `sparsity` (a command sweep's) is an
    /// ``ReportError/unknownMetric(option:name:allowed:)`` error.
    public static func svg(records: [TrialRecord], options: PlotOptions) throws(ReportError) -> String {
        let selected = try filtered(records, by: options.filter)
        switch options.kind {
        case .pareto:
            let recorded = PlotFigures.recordedMetrics(selected)
            if !recorded.isEmpty && !recorded.contains("sparsity") {
                throw .unknownMetric(option: "kind pareto", name: "sparsity", allowed: recorded)
            }
            return try PlotFigures.pareto(selected, title: options.title).svg(className: "plot-pareto")
        case .sweep:
            return try PlotFigures.sweep(selected, title: options.title, x: options.x ?? Report.sweepAxis(selected) ?? "weight_decay",
                                         y: options.y).svg(className: "plot-sweep")
        case .curves:
            return try PlotFigures.curves(selected, title: options.title, metric: options.y ?? "train_loss",
                                          configurations: nil).svg(className: "plot-curves")
        }
    }

    /// The records having every axis value of `filter`; an unknown axis name is an error.
    static func filtered(_ records: [TrialRecord], by filter: [AxisValue]) throws(ReportError) -> [TrialRecord] {
        guard !filter.isEmpty else { return records }
        var names: [String] = []
        for record in records {
            for axis in record.spec.axes where !names.contains(axis.name) { names.append(axis.name) }
        }
        if let unknown = filter.first(where: { !names.contains($0.name) }) {
            throw .unknownAxis(option: "where", name: unknown.name, allowed: names)
        }
        return records.filter { record in filter.allSatisfy { record.spec.axes.contains($0) } }
    }
}
