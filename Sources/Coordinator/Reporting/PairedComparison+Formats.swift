import JSON

extension PairedComparison {
    /// The comparison as text in `format`: one row per sparsity and method; Markdown and LaTeX
    /// carry the legend (a paragraph, the caption), JSON has it as `legend`.
    public func render(_ format: TableFormat) -> String {
        switch format {
        case .markdown: return markdown()
        case .csv: return csv()
        case .latex: return latex()
        case .json: return json()
        }
    }

    /// What was chosen on what, what was read once, what ± is, and which trials were left out.
    public var legend: String {
        let level = NumberFormat.significant(options.confidence * 100, digits: 6)
        return "Per method and sparsity s, the candidate (target_sparsity null or s) with the highest mean \(options.select) "
            + "over seeds is chosen (a tie goes to the configuration first in the spec); \(options.report) is read for the "
            + "chosen configuration only. ± is the half-width of the \(level) % Student-t confidence interval over seeds; "
            + "Δ = \(options.reference) − method per seed on the seeds both have (paired). Trials: \(completed) completed; "
            + "excluded: \(failed) failed, \(diverged) diverged; \(pending) pending."
    }

    /// The chosen setting as `field=value` pairs; `—` when one candidate leaves nothing to choose,
    /// `no candidate` when none recorded the selection metric.
    static func settingText(_ row: ComparisonRow) -> String {
        guard let choice = row.choice else { return row.budget == 0 ? "no candidate" : "no selection value" }
        return choice.setting.isEmpty ? "—" : choice.setting.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    }

    /// The verdict from the reference's side (`pilot wins`); `reference` on its own rows.
    func verdictText(_ row: ComparisonRow) -> String {
        guard let paired = row.paired else { return "reference" }
        return paired.verdict == .tooFewSeeds ? paired.verdict.rawValue : "\(options.reference) \(paired.verdict.rawValue)"
    }

    private static func summary(_ interval: MeanInterval) -> MetricSummary {
        MetricSummary(mean: interval.mean, std: interval.halfWidth, count: interval.count)
    }

    /// An aligned pipe table, then the legend.
    func markdown() -> String {
        let header = ["s", "method", "budget", "chosen", "n", options.select, options.report,
                      "Δ \(options.reference) − method", "pairs", "verdict", "excluded"]
        let numeric = [true, false, true, false, true, true, true, true, true, false, true]
        let body = rows.map { row -> [String] in
            let cell = { (interval: MeanInterval?) in interval.map { ResultTable.markdownCell(Self.summary($0)) } ?? "—" }
            return [NumberFormat.exact(row.sparsity), row.method, String(row.budget), Self.settingText(row),
                    row.choice?.test.map { String($0.count) } ?? "0",
                    row.choice.map { ResultTable.markdownCell(MetricSummary(mean: $0.validation.mean, std: nil, count: $0.validation.count)) } ?? "—",
                    cell(row.choice?.test), row.paired == nil ? "" : cell(row.paired?.difference),
                    row.paired.map { String($0.difference?.count ?? 0) } ?? "", verdictText(row), String(row.excluded)]
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
        return ([line(header), rule] + body.map(line)).joined(separator: "\n") + "\n\n" + legend + "\n"
    }

    /// RFC 4180 CSV, numbers in shortest round-trip form, empty where missing; `verdict` is
    /// `wins`, `loses`, `ties` or `too few seeds` from the reference's side, empty on its rows.
    func csv() -> String {
        var text = ""
        ResultTable.appendLine([
            "sparsity", "method", "reference", "budget", "setting", "n", "validation_mean", "test_mean", "test_ci_half_width",
            "difference_mean", "difference_ci_half_width", "pairs", "verdict", "excluded",
        ], to: &text)
        for row in rows {
            let test = row.choice?.test, difference = row.paired?.difference
            let number = { (x: Double?) in x.map(NumberFormat.exact) ?? "" }
            ResultTable.appendLine([
                NumberFormat.exact(row.sparsity), row.method, options.reference, String(row.budget),
                row.choice?.setting.map { "\($0.name)=\($0.value)" }.joined(separator: " ") ?? "",
                String(test?.count ?? 0), number(row.choice?.validation.mean), number(test?.mean), number(test?.halfWidth),
                number(difference?.mean), number(difference?.halfWidth), row.paired.map { String($0.difference?.count ?? 0) } ?? "",
                row.paired?.verdict.rawValue ?? "", String(row.excluded),
            ], to: &text)
        }
        return text
    }

    /// A booktabs table whose caption is the legend.
    func latex() -> String {
        let header = ["$s$", "method", "budget", "chosen", "$n$", ResultTable.escape(options.select), ResultTable.escape(options.report),
                      "$\\Delta$", "pairs", "verdict"]
        let body = rows.map { row -> String in
            let cell = { (interval: MeanInterval?) in interval.map { ResultTable.latexCell(Self.summary($0), bold: false) } ?? "--" }
            let setting = Self.settingText(row)
            return [NumberFormat.exact(row.sparsity), ResultTable.escape(row.method), String(row.budget),
                    setting == "—" ? "--" : ResultTable.escape(setting), row.choice?.test.map { String($0.count) } ?? "0",
                    row.choice.map { ResultTable.latexCell(MetricSummary(mean: $0.validation.mean, std: nil, count: 1), bold: false) } ?? "--",
                    cell(row.choice?.test), row.paired == nil ? "" : cell(row.paired?.difference),
                    row.paired.map { String($0.difference?.count ?? 0) } ?? "", ResultTable.escape(verdictText(row))]
                .joined(separator: " & ") + " \\\\"
        }
        return ([
            "\\begin{table}[t]",
            "\\centering",
            "\\caption{Methods compared, sweep \\texttt{\(ResultTable.escape(options.title))}. \(Self.latexText(legend))}",
            "\\label{tab:\(options.title)-compare}",
            "\\begin{tabular}{rlrlrrrrrl}",
            "\\toprule",
            header.joined(separator: " & ") + " \\\\",
            "\\midrule",
        ] + body + [
            "\\bottomrule",
            "\\end{tabular}",
            "\\end{table}",
        ]).joined(separator: "\n") + "\n"
    }

    /// `text` escaped for LaTeX, its ±, Δ and − in math mode (pdfLaTeX reads no Unicode math).
    private static func latexText(_ text: String) -> String {
        ResultTable.escape(text).replacingOccurrences(of: "±", with: "$\\pm$").replacingOccurrences(of: "Δ", with: "$\\Delta$")
            .replacingOccurrences(of: "−", with: "$-$")
    }

    /// A pretty-printed JSON object, keys sorted: the options, the trial counts, the legend and
    /// `rows`, one object per sparsity and method (null where missing).
    func json() -> String {
        func number(_ x: Double?) -> JSONValue {
            guard let x, x.isFinite else { return .null }
            return .double(x)
        }
        let rows = self.rows.map { row -> JSONValue in
            let test = row.choice?.test, difference = row.paired?.difference
            var setting: [String: JSONValue] = [:]
            for field in row.choice?.setting ?? [] { setting[field.name] = ResultTable.typed(field.value) }
            return Self.object([
                "sparsity": .double(row.sparsity), "method": .string(row.method), "budget": .int(Int64(row.budget)),
                "setting": row.choice == nil ? .null : Self.object(setting), "n": .int(Int64(test?.count ?? 0)),
                "validation_mean": number(row.choice?.validation.mean), "test_mean": number(test?.mean),
                "test_ci_half_width": number(test?.halfWidth), "difference_mean": number(difference?.mean),
                "difference_ci_half_width": number(difference?.halfWidth),
                "pairs": row.paired.map { .int(Int64($0.difference?.count ?? 0)) } ?? .null,
                "verdict": row.paired.map { .string($0.verdict.rawValue) } ?? .null, "excluded": .int(Int64(row.excluded)),
            ])
        }
        let document = Self.object([
            "title": .string(options.title), "select": .string(options.select), "report": .string(options.report),
            "reference": .string(options.reference), "confidence": .double(options.confidence),
            "sparsities": .array(options.sparsities.map(JSONValue.double)), "methods": .array(methods.map(JSONValue.string)),
            "completed": .int(Int64(completed)), "failed": .int(Int64(failed)), "diverged": .int(Int64(diverged)),
            "pending": .int(Int64(pending)), "legend": .string(legend), "rows": .array(rows),
        ])
        var w = JSONWriter(format: .prettyPrinted)
        w.value(document)
        w.raw("\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// An object of `fields`, its members in order of key.
    private static func object(_ fields: [String: JSONValue]) -> JSONValue {
        .object(fields.keys.sorted().map { (key: $0, value: fields[$0]!) })
    }
}
