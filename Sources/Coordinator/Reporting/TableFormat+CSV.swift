extension ResultTable {
    /// RFC 4180 CSV (CRLF line ends, fields quoted when they hold `,`, `"`, CR or LF): axes, then per
    /// column group `n`, `failed`, `diverged`, `<metric>_mean`, `<metric>_std` and `pareto` (`true`/`false`).
    /// Numbers are exact (shortest round-trip); missing values are empty.
    func csv() -> String {
        var header = rowAxes
        for g in columnGroups.indices {
            header += ["n", "failed", "diverged"].map { self.header($0, group: g) }
            for m in metrics { header += [self.header("\(m)_mean", group: g), self.header("\(m)_std", group: g)] }
            header.append(self.header("pareto", group: g))
        }
        var text = ""
        Self.appendLine(header, to: &text)
        var fields: [String] = []
        for row in rows {
            fields = row.key.map(\.value)
            for cell in row.cells {
                guard let cell else {
                    fields += Array(repeating: "", count: 4 + 2 * metrics.count)
                    continue
                }
                fields += [String(cell.done), String(cell.failed), String(cell.diverged)]
                for m in metrics {
                    let s = cell.metrics[m]
                    fields += [s.map { NumberFormat.exact($0.mean) } ?? "", s?.std.map(NumberFormat.exact) ?? ""]
                }
                fields.append(cell.pareto ? "true" : "false")
            }
            Self.appendLine(fields, to: &text)
        }
        return text
    }

    /// Appends one record: the fields separated by commas, then CRLF.
    static func appendLine(_ fields: [String], to text: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            text += csvField(field)
        }
        text += "\r\n"
    }

    private static func csvField(_ s: String) -> String {
        // Most fields hold none of the four bytes, so their characters need no look.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }),
              s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
