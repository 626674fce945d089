extension ResultTable {
    /// A booktabs table: `$\star$` marks the Pareto front, metrics are `$m \pm s$` with 3 significant
    /// digits, the best mean of each metric column is bold, and the caption names the sweep and seeds.
    func latex() -> String {
        var header = [""] + rowAxes.map { Self.escape($0) }
        var align = "c" + String(repeating: "l", count: rowAxes.count)
        for g in columnGroups.indices {
            let label = groupLabel(g)
            header.append(label.isEmpty ? "$n$" : Self.escape(label) + " $n$")
            header += ["failed", "diverged"].map { Self.escape(self.header($0, group: g)) }
            header += metrics.map { Self.escape(self.header($0, group: g)) }
            align += String(repeating: "r", count: 3 + metrics.count)
        }
        var best: [Int: [String: Double]] = [:]
        for g in columnGroups.indices {
            for m in metrics {
                let means = rows.compactMap { $0.cells[g]?.metrics[m]?.mean }.filter(\.isFinite)
                if let b = Self.lowerIsBetter(m) ? means.min() : means.max() { best[g, default: [:]][m] = b }
            }
        }
        let body = rows.map { row -> String in
            let star = row.cells.contains { $0?.pareto == true } ? "$\\star$" : ""
            var cells = [star] + row.key.map { Self.escape($0.value) }
            for (g, cell) in row.cells.enumerated() {
                guard let cell else {
                    cells += Array(repeating: "--", count: 3 + metrics.count)
                    continue
                }
                cells += [String(cell.done), String(cell.failed), String(cell.diverged)]
                cells += metrics.map { m in
                    guard let s = cell.metrics[m] else { return "--" }
                    var mean = Self.math(s.mean)
                    if best[g]?[m] == s.mean { mean = "\\mathbf{\(mean)}" }
                    return "$" + mean + (s.std.map { " \\pm " + Self.math($0) } ?? "") + "$"
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
            header.joined(separator: " & ") + " \\\\",
            "\\midrule",
        ] + body + [
            "\\bottomrule",
            "\\end{tabular}",
            "\\end{table}",
        ]).joined(separator: "\n") + "\n"
    }

    /// A number with exactly 3 significant digits in math mode (`1.23\times10^{-7}` for small values).
    private static func math(_ x: Double) -> String {
        let s = NumberFormat.significant(x, digits: 3, keepZeros: true)
        guard let e = s.firstIndex(of: "e") else { return s }
        let exponent = Int(s[s.index(after: e)...]) ?? 0
        return "\(s[..<e])\\times10^{\(exponent)}"
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
