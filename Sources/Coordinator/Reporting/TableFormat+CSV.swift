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
        let body = rows.map { row in
            row.key.map(\.value) + row.cells.flatMap { cell -> [String] in
                guard let cell else { return Array(repeating: "", count: 4 + 2 * metrics.count) }
                return [String(cell.done), String(cell.failed), String(cell.diverged)]
                    + metrics.flatMap { m -> [String] in
                        let s = cell.metrics[m]
                        return [s.map { NumberFormat.exact($0.mean) } ?? "", s?.std.map(NumberFormat.exact) ?? ""]
                    }
                    + [cell.pareto ? "true" : "false"]
            }
        }
        return ([header] + body).map { $0.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
