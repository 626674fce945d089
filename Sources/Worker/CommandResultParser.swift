import Core
import JSON

/// Reads what a command trial's program reports: its result object and its progress lines.
enum CommandResultParser {
    /// The prefix of a progress line on standard output.
    static let progressPrefix = "mirrorsweep-progress "

    /// The metrics and curves of a result object `{"metrics": {…}, "curves": [{"step": …, "metrics": {…}}, …]}`,
    /// or why it is not one (`metrics.acc is a string, expected a number`).
    static func result(_ value: JSONValue) throws(WorkerError) -> (metrics: [String: Double], curves: [CurvePoint]) {
        guard case let .object(members) = value else { throw .invalid(path: "the result", value, expected: "an object") }
        guard let metricsValue = members.member("metrics") else { throw .invalidCommandOutput(reason: "no \"metrics\" object") }
        let metrics = try numbers(metricsValue, at: "metrics")
        var curves: [CurvePoint] = []
        if let curvesValue = members.member("curves"), !curvesValue.isNull {
            guard case let .array(points) = curvesValue else { throw .invalid(path: "curves", curvesValue, expected: "an array") }
            for (i, point) in points.enumerated() {
                let path = "curves[\(i)]"
                guard case let .object(fields) = point else { throw .invalid(path: path, point, expected: "an object") }
                guard let stepValue = fields.member("step") else { throw .invalidCommandOutput(reason: "\(path).step is missing") }
                guard let step = try? stepValue.integer(Int.self, at: JSONPath()) else {
                    throw .invalid(path: "\(path).step", stepValue, expected: "an integer")
                }
                curves.append(CurvePoint(step: step, metrics: try numbers(fields.member("metrics") ?? .object([]), at: "\(path).metrics")))
            }
        }
        return (metrics, curves)
    }

    /// A progress line's step, total steps (0 when absent) and numeric metrics; nil when it is
    /// not a progress line; an error when it is one but malformed.
    static func progress(_ line: String) throws(WorkerError) -> TrialProgress? {
        guard line.hasPrefix(progressPrefix) else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(String(line.dropFirst(progressPrefix.count)))
        } catch {
            throw .invalidCommandOutput(reason: "\(error)")
        }
        guard case let .object(members) = value else { throw .invalid(path: "the progress", value, expected: "an object") }
        guard let stepValue = members.member("step") else { throw .invalidCommandOutput(reason: "step is missing") }
        guard let step = try? stepValue.integer(Int.self, at: JSONPath()) else { throw .invalid(path: "step", stepValue, expected: "an integer") }
        var total = 0
        if let totalValue = members.member("total_steps"), !totalValue.isNull {
            guard let t = try? totalValue.integer(Int.self, at: JSONPath()) else {
                throw .invalid(path: "total_steps", totalValue, expected: "an integer")
            }
            total = t
        }
        var metrics: [String: Double] = [:]
        for (key, value) in members where key != "step" && key != "total_steps" {
            switch value {
            case let .int(n): metrics[key] = Double(n)
            case let .uint(n): metrics[key] = Double(n)
            case let .double(d): metrics[key] = d
            default: continue
            }
        }
        return TrialProgress(step: step, totalSteps: total, metrics: metrics)
    }

    /// The object on a standard output line that looks like a result (`{` … `}` with a `metrics`
    /// member); nil for any other line.
    static func resultLine(_ line: String) -> JSONValue? {
        let trimmed = line.trimmingWhitespace
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), trimmed.contains("\"metrics\"") else { return nil }
        guard let value = try? JSONParser.parse(String(trimmed)), case let .object(members) = value, members.member("metrics") != nil else {
            return nil
        }
        return value
    }

    private static func numbers(_ value: JSONValue, at path: String) throws(WorkerError) -> [String: Double] {
        guard case let .object(members) = value else { throw .invalid(path: path, value, expected: "an object") }
        var out: [String: Double] = [:]
        for (key, member) in members {
            guard let number = try? member.double(at: JSONPath()) else { throw .invalid(path: "\(path).\(key)", member, expected: "a number") }
            out[key] = number
        }
        return out
    }
}

extension WorkerError {
    /// `path is a string, expected a number`.
    static func invalid(path: String, _ value: JSONValue, expected: String) -> WorkerError {
        let article = value.kindName.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return .invalidCommandOutput(reason: "\(path) is \(article) \(value.kindName), expected \(expected)")
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
