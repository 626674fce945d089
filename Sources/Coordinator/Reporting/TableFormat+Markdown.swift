extension ResultTable {
    /// An aligned pipe table: axes, then per column group `n`, `failed`, `diverged`, the metrics
    /// as `mean ± std`, the mean to 3 significant digits and the deviation to the same decimal
    /// place (`—` when missing) and `pareto` (`★`).
    func markdown() -> String {
        var header = rowAxes
        for g in columnGroups.indices {
            header += ["n", "failed", "diverged"].map { self.header($0, group: g) }
            header += metrics.map { self.header($0, group: g) }
            header.append(self.header("pareto", group: g))
        }
        let numeric = Array(repeating: false, count: rowAxes.count)
            + Array(repeating: Array(repeating: true, count: 3 + metrics.count) + [false], count: columnGroups.count).flatMap { $0 }
        let body = rows.map { row in
            row.key.map(\.value) + row.cells.flatMap { cell -> [String] in
                guard let cell else { return Array(repeating: "—", count: 3 + metrics.count) + [""] }
                return [String(cell.done), String(cell.failed), String(cell.diverged)]
                    + metrics.map { cell.metrics[$0].map(Self.markdownCell) ?? "—" }
                    + [cell.pareto ? "★" : ""]
            }
        }
        let widths = header.indices.map { c in ([header[c]] + body.map { $0[c] }).map(\.count).max().map { max($0, 3) } ?? 3 }
        func line(_ cells: [String]) -> String {
            "| " + cells.indices.map { c in
                let pad = String(repeating: " ", count: widths[c] - cells[c].count)
                return numeric[c] ? pad + cells[c] : cells[c] + pad
            }.joined(separator: " | ") + " |"
        }
        let rule = "| " + widths.indices.map { c in
            numeric[c] ? String(repeating: "-", count: widths[c] - 1) + ":" : String(repeating: "-", count: widths[c])
        }.joined(separator: " | ") + " |"
        return ([line(header), rule] + body.map(line)).joined(separator: "\n") + "\n"
    }

    /// `m ± s` rounded like the LaTeX table (``meanAndDeviation(_:)``), `(m ± s)e-5` for small
    /// or large values; `nan`, `inf` and `-inf` as such.
    static func markdownCell(_ m: MetricSummary) -> String {
        guard m.mean.isFinite else { return m.mean.isNaN ? "nan" : m.mean < 0 ? "-inf" : "inf" }
        let pair = meanAndDeviation(m)
        let body = pair.std.map { "\(pair.mean) ± \($0)" } ?? pair.mean
        guard let k = pair.exponent else { return body }
        return (pair.std == nil ? body : "(\(body))") + "e\(k)"
    }
}
