import Core
import SweepSpecs

/// A selection of trials by field values, as `--where FIELD=VALUE` gives it: a trial matches
/// when every condition holds. A field is an axis of the spec, `seed`, or (core trials) a
/// configuration field; a value is compared with the field's canonical text (`0.05`, `[32, 16]`).
public struct TrialFilter: Hashable, Sendable {
    /// One `FIELD=VALUE` condition.
    public struct Condition: Hashable, Sendable {
        public var field: String
        public var value: String

        /// Creates a condition.
        public init(field: String, value: String) {
            self.field = field
            self.value = value
        }
    }

    /// The conditions, all of which a trial must meet; none selects every trial.
    public var conditions: [Condition]

    /// Creates a filter of `conditions`.
    public init(_ conditions: [Condition] = []) {
        self.conditions = conditions
    }

    /// Parses `FIELD=VALUE` texts; nil names the first text without a field and an `=`.
    public static func parse(_ texts: [String]) -> (filter: TrialFilter?, malformed: String?) {
        var conditions: [Condition] = []
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return (nil, text) }
            conditions.append(Condition(
                field: text[..<equals].trimmingSpaces, value: text[text.index(after: equals)...].trimmingSpaces))
        }
        return (TrialFilter(conditions), nil)
    }

    /// The fields a filter may name for trials of a spec with axes `axisNames`: the axes, `seed`,
    /// and for core trials every configuration field; sorted, axes first.
    public static func fields(axisNames: [String], isCommand: Bool) -> [String] {
        let config = isCommand ? [] : TrialConfig.fields.map(\.name).filter { !axisNames.contains($0) }.sorted()
        return axisNames + ["seed"] + config
    }

    /// The fields named that are not in `allowed`.
    public func unknownFields(allowed: [String]) -> [String] {
        conditions.map(\.field).filter { !allowed.contains($0) }
    }

    /// Whether `trial` meets every condition.
    public func matches(_ trial: TrialSpec) -> Bool {
        conditions.allSatisfy { condition in
            Self.value(of: condition.field, in: trial) == condition.value
        }
    }

    /// The canonical text of `field` in `trial`; nil when it has no such field.
    static func value(of field: String, in trial: TrialSpec) -> String? {
        if let axis = trial.axes.first(where: { $0.name == field }) { return axis.value }
        if field == "seed" { return String(trial.seed) }
        guard let config = trial.work.coreConfig, let described = TrialConfig.field(named: field) else { return nil }
        return described.value(in: config).canonical
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
