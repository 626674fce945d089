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

    /// Whether lower values of a metric are better (all but `sparsity`).
    static func lowerIsBetter(_ metric: String) -> Bool { metric != "sparsity" }

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
