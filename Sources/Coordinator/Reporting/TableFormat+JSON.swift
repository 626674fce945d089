import JSON
import SweepSpecs

extension ResultTable {
    /// A JSON array with one object per configuration (row × column group), keys sorted: the axes
    /// (typed: numbers, booleans, lists and null as JSON reads their text, the rest strings), `n`, `failed`, `diverged`, `pareto`, and `<metric>_mean` / `<metric>_std` (null when missing).
    func json() -> String {
        var w = JSONWriter()
        var objects = 0
        w.raw("[")
        for row in rows {
            for (g, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                var fields: [String: JSONValue] = [:]
                for axis in row.key + columnGroups[g] { fields[axis.name] = Self.typed(axis.value) }
                fields["n"] = .int(Int64(cell.done))
                fields["failed"] = .int(Int64(cell.failed))
                fields["diverged"] = .int(Int64(cell.diverged))
                fields["pareto"] = .bool(cell.pareto)
                for m in metrics {
                    let s = cell.metrics[m]
                    fields["\(m)_mean"] = Self.jsonNumber(s?.mean)
                    fields["\(m)_std"] = Self.jsonNumber(s?.std)
                }
                w.raw(objects == 0 ? "\n  {" : ",\n  {")
                for (k, key) in fields.keys.sorted().enumerated() {
                    w.raw(k == 0 ? "\n    " : ",\n    ")
                    w.string(key)
                    w.raw(": ")
                    w.value(fields[key]!)
                }
                w.raw("\n  }")
                objects += 1
            }
        }
        w.raw(objects == 0 ? "]\n" : "\n]\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// An axis value's text as the JSON value it spells (`0.01`, `true`, `[1, 2]`), else as a string.
    static func typed(_ text: String) -> JSONValue {
        guard let value = try? JSONParser.parse(text) else { return .string(text) }
        if case .object = value { return .string(text) }
        return value
    }

    /// A finite number (written in shortest round-trip form); a missing one, NaN and infinities are null.
    private static func jsonNumber(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .double(x)
    }
}
