/// The one error type of the Reporting library: an option that names what the records do not have,
/// asks for a table that would average different configurations, or is not written as the option requires,
/// or trials that a comparison cannot use.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A table option names an axis the records do not have.
    case unknownAxis(option: String, name: String, allowed: [String])
    /// An option names a metric no completed trial recorded.
    case unknownMetric(option: String, name: String, allowed: [String])
    /// The rows and columns leave out `axes`, which vary among the trials a cell would average.
    case pooledAxes(axes: [String], varied: [String])
    /// No trial has every axis value of the `where` filter; `values` are the filter axes' values that exist.
    case noTrialMatched(filter: [String], values: [String: [String]])
    /// An export condition names a column the export does not have.
    case unknownField(option: String, name: String, allowed: [String])
    /// An export condition is not `FIELD=VALUE`.
    case malformedCondition(option: String, text: String)
    /// An option's value is not what it must be.
    case invalidOption(option: String, text: String, expected: String)
    /// The trials to compare include none that completed.
    case noCompletedTrials(failed: Int, diverged: Int, pending: Int)
    /// A configuration lacks a field a comparison needs; `configuration` names its varying fields.
    case missingField(field: String, configuration: String)
    /// An option names a method no configuration has.
    case unknownMethod(option: String, name: String, methods: [String])

    /// The error as one line that names what failed, where, and what is allowed.
    public var description: String {
        switch self {
        case let .unknownAxis(option, name, allowed):
            return "\(option): unknown axis '\(name)'; allowed: \(allowed.isEmpty ? "(no axes)" : allowed.joined(separator: ", "))"
        case let .unknownMetric(option, name, allowed):
            return "\(option): unknown metric '\(name)'; the trials recorded: \(allowed.joined(separator: ", "))"
        case let .pooledAxes(axes, varied):
            return "rows: each row would average trials that differ in \(axes.joined(separator: ", ")); the axes that vary: "
                + "\(varied.joined(separator: ", ")). Add \(axes.count == 1 ? "it" : "them") to --rows or --columns, or average "
                + "over \(axes.count == 1 ? "it" : "them") with " + axes.map { "--pool \($0)" }.joined(separator: " ")
        case let .noTrialMatched(filter, values):
            let existing = values.keys.sorted().map { "\($0) = \(values[$0, default: []].joined(separator: ", "))" }
            return "where: no trial matched \(filter.joined(separator: " and ")); the values that exist: \(existing.joined(separator: "; "))"
        case let .unknownField(option, name, allowed):
            return "\(option): unknown field '\(name)'; allowed: \(allowed.joined(separator: ", "))"
        case let .malformedCondition(option, text):
            return "\(option): '\(text)' is not FIELD=VALUE (e.g. weight_decay=0.05, status=failed)"
        case let .invalidOption(option, text, expected):
            return "\(option): '\(text)' is not \(expected)"
        case let .noCompletedTrials(failed, diverged, pending):
            return "no completed trial to compare (\(failed) failed, \(diverged) diverged, \(pending) pending)"
        case let .missingField(field, configuration):
            return "every configuration needs the field '\(field)' set (e.g. \(field): pilot in the spec); "
                + "this one has none: \(configuration.isEmpty ? "(the only configuration)" : configuration)"
        case let .unknownMethod(option, name, methods):
            return "\(option): no configuration has method '\(name)'; the methods: \(methods.joined(separator: ", "))"
        }
    }
}
