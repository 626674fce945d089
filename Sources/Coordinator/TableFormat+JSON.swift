extension ResultTable {
    /// A JSON array with one object per configuration (row × column group), keys sorted: the axes
    /// (strings), `n`, `failed`, `diverged`, `pareto`, and `<metric>_mean` / `<metric>_std` (null when missing).
    func json() -> String {
        var objects: [String] = []
        for row in rows {
            for (g, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                var fields: [String: String] = [:]
                for axis in row.key + columnGroups[g] { fields[axis.name] = Self.jsonString(axis.value) }
                fields["n"] = String(cell.done)
                fields["failed"] = String(cell.failed)
                fields["diverged"] = String(cell.diverged)
                fields["pareto"] = cell.pareto ? "true" : "false"
                for m in metrics {
                    let s = cell.metrics[m]
                    fields["\(m)_mean"] = s.map { Self.jsonNumber($0.mean) } ?? "null"
                    fields["\(m)_std"] = s?.std.map(Self.jsonNumber) ?? "null"
                }
                let body = fields.keys.sorted().map { "    \(Self.jsonString($0)): \(fields[$0]!)" }.joined(separator: ",\n")
                objects.append("  {\n" + body + "\n  }")
            }
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// A finite number in shortest round-trip form; NaN and infinities are null.
    private static func jsonNumber(_ x: Double) -> String { x.isFinite ? NumberFormat.exact(x) : "null" }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
