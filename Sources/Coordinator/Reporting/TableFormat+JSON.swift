import SweepSpecs

extension ResultTable {
    /// A JSON array with one object per configuration (row × column group), keys sorted: the axes
    /// (strings), `n`, `failed`, `diverged`, `pareto`, and `<metric>_mean` / `<metric>_std` (null when missing).
    func json() -> String {
        var objects: [String] = []
        for row in rows {
            for (g, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                var fields: [String: String] = [:]
                for axis in row.key + columnGroups[g] { fields[axis.name] = JSONText.string(axis.value) }
                fields["n"] = String(cell.done)
                fields["failed"] = String(cell.failed)
                fields["diverged"] = String(cell.diverged)
                fields["pareto"] = cell.pareto ? "true" : "false"
                for m in metrics {
                    let s = cell.metrics[m]
                    fields["\(m)_mean"] = s.map { Self.jsonNumber($0.mean) } ?? "null"
                    fields["\(m)_std"] = s?.std.map(Self.jsonNumber) ?? "null"
                }
                let body = fields.keys.sorted().map { "    \(JSONText.string($0)): \(fields[$0]!)" }.joined(separator: ",\n")
                objects.append("  {\n" + body + "\n  }")
            }
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// A finite number in shortest round-trip form; NaN and infinities are null.
    private static func jsonNumber(_ x: Double) -> String { x.isFinite ? NumberFormat.exact(x) : "null" }
}
