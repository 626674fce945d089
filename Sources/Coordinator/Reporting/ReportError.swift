/// The one error type of the Reporting library: an option that names what the records do not have,
/// or that is not written as the option requires.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A table option names an axis the records do not have.
    case unknownAxis(option: String, name: String, allowed: [String])
    /// An option names a metric no completed trial recorded.
    case unknownMetric(option: String, name: String, allowed: [String])
    /// An export condition names a column the export does not have.
    case unknownField(option: String, name: String, allowed: [String])
    /// An export condition is not `FIELD=VALUE`.
    case malformedCondition(option: String, text: String)

    /// The error as one line that names what failed, where, and what is allowed.
    public var description: String {
        switch self {
        case let .unknownAxis(option, name, allowed):
            return "\(option): unknown axis '\(name)'; allowed: \(allowed.isEmpty ? "(no axes)" : allowed.joined(separator: ", "))"
        case let .unknownMetric(option, name, allowed):
            return "\(option): unknown metric '\(name)'; the trials recorded: \(allowed.joined(separator: ", "))"
        case let .unknownField(option, name, allowed):
            return "\(option): unknown field '\(name)'; allowed: \(allowed.joined(separator: ", "))"
        case let .malformedCondition(option, text):
            return "\(option): '\(text)' is not FIELD=VALUE (e.g. weight_decay=0.05, status=failed)"
        }
    }
}
