extension ResultTable {
    /// The table as an HTML `<table>`: axes, `n`, failed, diverged, then each metric as
    /// `mean ± std` (deviation rounded like the LaTeX table); the best mean per metric column is
    /// bold and Pareto-front rows have the class `pareto` and a `★`.
    func html() -> String {
        let esc = SVGDocument.escape
        var head = ["<th>Pareto</th>"] + rowAxes.map { "<th>\(esc($0))</th>" }
        for g in columnGroups.indices {
            let prefix = groupLabel(g).isEmpty ? "" : esc(groupLabel(g)) + "<br>"
            head += ["n", "failed", "diverged"].map { "<th class=\"num\">\(prefix)\($0)</th>" }
            head += metrics.map { m in
                "<th class=\"num\">\(prefix)\(esc(m.replacingOccurrences(of: "_", with: " "))) \(Self.lowerIsBetter(m) ? "↓" : "↑")</th>"
            }
        }
        let best = bestMeans()
        var lines = ["<table class=\"results\">", "<thead><tr>" + head.joined() + "</tr></thead>", "<tbody>"]
        for row in rows {
            let pareto = row.cells.contains { $0?.pareto == true }
            var cells = ["<td class=\"mark\">\(pareto ? "★" : "")</td>"] + row.key.map { "<td>\(esc($0.value))</td>" }
            for (g, cell) in row.cells.enumerated() {
                guard let cell else {
                    cells += Array(repeating: "<td class=\"num\">—</td>", count: 3 + metrics.count)
                    continue
                }
                cells += [cell.done, cell.failed, cell.diverged].map { "<td class=\"num\">\($0)</td>" }
                cells += metrics.map { m in
                    guard let s = cell.metrics[m] else { return "<td class=\"num\">—</td>" }
                    let text = Self.htmlValue(s)
                    return best[g]?[m] == s.mean ? "<td class=\"num best\"><b>\(text)</b></td>" : "<td class=\"num\">\(text)</td>"
                }
            }
            lines.append("<tr\(pareto ? " class=\"pareto\"" : "")>" + cells.joined() + "</tr>")
        }
        return (lines + ["</tbody>", "</table>"]).joined(separator: "\n")
    }

    /// `m ± s`, or `(m ± s)×10⁻⁵` for small or large values; `—` for NaN.
    private static func htmlValue(_ s: MetricSummary) -> String {
        guard !s.mean.isNaN else { return "—" }
        guard s.mean.isFinite else { return s.mean < 0 ? "−∞" : "∞" }
        let pair = meanAndDeviation(s)
        let body = pair.std.map { "\(pair.mean) ± \($0)" } ?? pair.mean
        guard let k = pair.exponent else { return body }
        return (pair.std == nil ? body : "(\(body))") + "×" + PlotTicks.power(k)
    }
}
