import JSON

/// What an export reads of a done trial's stored result: whether it diverged, its wall time and
/// its metrics.
package struct TrialExportOutcome: Equatable {
    package var diverged: Bool
    /// `wall_seconds`, nil when the result has none.
    package var wallSeconds: Double?
    /// The metrics in the result's order; non-finite ones read from `"nan"`, `"inf"`, `"-inf"`.
    package var metrics: [(name: String, value: Double)]

    package init(diverged: Bool, wallSeconds: Double?, metrics: [(name: String, value: Double)]) {
        self.diverged = diverged
        self.wallSeconds = wallSeconds
        self.metrics = metrics
    }

    /// Reads the `result` column's JSON text (docs/JOURNAL.md).
    package init(result text: String) throws(JSONError) {
        let members = try JSONParser.parse(text).object(at: JSONPath())
        guard let status = members.member("status") else { throw .missingField(path: JSONPath([.member("status")])) }
        switch try status.string(at: JSONPath([.member("status")])) {
        case "completed": diverged = false
        case "diverged": diverged = true
        case let other:
            throw .invalidValue(path: JSONPath([.member("status")]), reason: "'\(other)' is not completed or diverged")
        }
        let wall = members.member("wall_seconds")
        wallSeconds = try wall.flatMap { value throws(JSONError) in
            value.isNull ? nil : try value.double(at: JSONPath([.member("wall_seconds")]))
        }
        metrics = []
        if let stored = members.member("metrics"), !stored.isNull {
            for member in try stored.object(at: JSONPath([.member("metrics")])) {
                metrics.append((member.key, try member.value.double(at: JSONPath([.member("metrics"), .member(member.key)]))))
            }
        }
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.diverged == b.diverged && a.wallSeconds == b.wallSeconds
            && a.metrics.map(\.name) == b.metrics.map(\.name)
            && zip(a.metrics, b.metrics).allSatisfy { $0.value == $1.value || ($0.value.isNaN && $1.value.isNaN) }
    }
}
