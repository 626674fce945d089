import Foundation

extension ResultTable {
    /// A booktabs table: `$\star$` marks the Pareto front, metrics are `$m \pm s$` with the mean to
    /// 3 significant digits and the deviation to the same decimal place (`$(m \pm s)\times10^{k}$`
    /// for small or large values), the best mean of each metric column is bold, a pivot's column
    /// groups get a spanning header with `\cmidrule`, and the caption names the sweep and seeds.
    func latex() -> String {
        let width = 3 + metrics.count
        let lead = 1 + rowAxes.count
        var header = [""] + rowAxes.map { Self.escape($0) }
        var align = "c" + String(repeating: "l", count: rowAxes.count)
        for _ in columnGroups.indices {
            header += ["$n$", "failed", "diverged"] + metrics.map { Self.escape($0) }
            align += String(repeating: "r", count: width)
        }
        var headerLines = [header.joined(separator: " & ") + " \\\\"]
        if !columnAxes.isEmpty {
            let groups = columnGroups.indices.map { "\\multicolumn{\(width)}{c}{\(Self.escape(groupLabel($0)))}" }
            let rules = columnGroups.indices.map { g in "\\cmidrule(lr){\(lead + g * width + 1)-\(lead + (g + 1) * width)}" }
            headerLines = [(Array(repeating: "", count: lead) + groups).joined(separator: " & ") + " \\\\", rules.joined()]
                + headerLines
        }
        let best = bestMeans()
        let body = rows.map { row -> String in
            let star = row.cells.contains { $0?.pareto == true } ? "$\\star$" : ""
            var cells = [star] + row.key.map { Self.escape($0.value) }
            for (g, cell) in row.cells.enumerated() {
                guard let cell else {
                    cells += Array(repeating: "--", count: width)
                    continue
                }
                cells += [String(cell.done), String(cell.failed), String(cell.diverged)]
                cells += metrics.map { m in
                    guard let s = cell.metrics[m] else { return "--" }
                    return Self.latexCell(s, bold: best[g]?[m] == s.mean)
                }
            }
            return cells.joined(separator: " & ") + " \\\\"
        }
        let seeds = seedCount == 1 ? "1 seed" : "\(seedCount) seeds"
        return ([
            "\\begin{table}[t]",
            "\\centering",
            "\\caption{Generalization versus sparsity, sweep \\texttt{\(Self.escape(title))} (\(seeds); mean $\\pm$ sample standard deviation; $\\star$: Pareto front).}",
            "\\label{tab:\(title)}",
            "\\begin{tabular}{\(align)}",
            "\\toprule",
        ] + headerLines + [
            "\\midrule",
        ] + body + [
            "\\bottomrule",
            "\\end{tabular}",
            "\\end{table}",
        ]).joined(separator: "\n") + "\n"
    }

    /// A metric cell in math mode; `bold` sets the mean in bold. NaN shows as `--`.
    static func latexCell(_ s: MetricSummary, bold: Bool) -> String {
        guard !s.mean.isNaN else { return "--" }
        guard s.mean.isFinite else { return s.mean < 0 ? "$-\\infty$" : "$\\infty$" }
        let pair = meanAndDeviation(s)
        let mean = bold ? "\\mathbf{\(pair.mean)}" : pair.mean
        let body = pair.std.map { "\(mean) \\pm \($0)" } ?? mean
        guard let k = pair.exponent else { return "$" + body + "$" }
        return "$" + (pair.std == nil ? body : "(\(body))") + "\\times10^{\(k)}$"
    }

    /// The mean to 3 significant digits and the standard deviation rounded to the mean's last
    /// decimal place, both scaled by 10^−exponent when the mean needs scientific notation
    /// (below 10⁻⁴ or from 10³); a zero mean takes the deviation's precision.
    static func meanAndDeviation(_ s: MetricSummary) -> (mean: String, std: String?, exponent: Int?) {
        let reference = s.mean == 0 ? (s.std ?? 0) : s.mean
        let text = NumberFormat.significant(reference, digits: 3, keepZeros: true)
        var exponent: Int?
        var decimals = 0
        if let e = text.firstIndex(of: "e") {
            exponent = Int(text[text.index(after: e)...])
            decimals = 2
        } else if let dot = text.firstIndex(of: ".") {
            decimals = text.distance(from: dot, to: text.endIndex) - 1
        }
        let scale = pow(10, Double(exponent ?? 0))
        func fixed(_ x: Double) -> String {
            let v = x / scale
            let text = String(format: "%.\(decimals)f", v)
            return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
        }
        let mean = s.mean == 0 || exponent != nil ? fixed(s.mean) : text
        return (mean, s.std.map(fixed), exponent)
    }

    /// Escapes LaTeX's special characters.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "_", "&", "%", "$", "#", "{", "}": out += "\\\(c)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(c)
            }
        }
        return out
    }
}
