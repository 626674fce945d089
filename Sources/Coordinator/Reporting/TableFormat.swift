/// The output formats of a results table.
public enum TableFormat: String, CaseIterable, Sendable {
    /// An aligned pipe table; `★` marks the Pareto front.
    case markdown
    /// RFC 4180 CSV with one column per mean and per standard deviation.
    case csv
    /// A booktabs `table` with `$m \pm s$` cells, the best value per column in bold.
    case latex
    /// A JSON array of objects with sorted keys, one per configuration (long form, no pivot).
    case json
}

extension ResultTable {
    /// The table as text in `format`, byte-identical for the same set of records.
    public func render(_ format: TableFormat) -> String {
        switch format {
        case .markdown: return markdown()
        case .csv: return csv()
        case .latex: return latex()
        case .json: return json()
        }
    }

    /// Whether lower values of a metric are better (``MetricDefaults/lowerIsBetter(_:)``).
    static func lowerIsBetter(_ metric: String) -> Bool { MetricDefaults.lowerIsBetter(metric) }

    /// Means smaller than this in magnitude are zero to machine precision for a "best" mark.
    static let zeroMean = 1e-12

    /// The best finite mean of each metric per column group (lowest, or highest where higher is
    /// better), means within ``zeroMean`` of zero counting as 0. None for a column whose means
    /// are all equal, or whose best is 0: a value at machine precision is noise, not a result.
    func bestMeans() -> [Int: [String: Double]] {
        var best: [Int: [String: Double]] = [:]
        for g in columnGroups.indices {
            for m in metrics {
                let means = rows.compactMap { $0.cells[g]?.metrics[m]?.mean }.filter(\.isFinite)
                let rounded = means.map { abs($0) < Self.zeroMean ? 0 : $0 }
                guard Set(rounded).count > 1,
                      let b = Self.lowerIsBetter(m) ? rounded.min() : rounded.max(),
                      b != 0,
                      let index = rounded.firstIndex(of: b) else { continue }
                best[g, default: [:]][m] = means[index]
            }
        }
        return best
    }

    /// The label of a column group, e.g. `schedule=constant`; empty without a pivot.
    func groupLabel(_ g: Int) -> String {
        columnGroups[g].map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }

    /// A column header inside group `g`.
    func header(_ name: String, group g: Int) -> String {
        let label = groupLabel(g)
        return label.isEmpty ? name : "\(label) \(name)"
    }
}
