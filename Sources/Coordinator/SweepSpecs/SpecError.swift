/// The one error type of the SweepSpecs library: a spec that cannot be read, with the file, line,
/// field and what is allowed.
public enum SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A spec file could not be read.
    case specUnreadable(path: String, reason: String)
    /// The spec is not valid YAML; the location is Yams' problem mark.
    case specSyntax(at: SourceLocation, reason: String)
    /// A mapping holds a key that is not allowed there.
    case unknownKey(at: SourceLocation, path: String, key: String, allowed: [String])
    /// A value has the wrong YAML type (e.g. a string for `weight_decay`).
    case wrongType(at: SourceLocation, path: String, found: String, expected: String)
    /// A value has the right type but is not allowed.
    case invalidValue(at: SourceLocation, path: String, value: String, allowed: String)
    /// A field is an axis twice (the grid and a zip group, two zip groups, or a duplicated key).
    case duplicateAxis(at: SourceLocation, field: String, firstPath: String)
    /// The axes of a zip group have different lengths.
    case zipLengthMismatch(at: SourceLocation, path: String, lengths: [String: Int])
    /// Two grid points give the same configuration (and hence the same trial ids).
    case duplicateTrial(file: String, first: [AxisValue], second: [AxisValue])
    /// A field name of a command sweep that is not an identifier, or is reserved.
    case invalidFieldName(at: SourceLocation, path: String, name: String, allowed: String)
    /// A `{name}` placeholder of `command` that names no field; the location is its `{`.
    case unknownPlaceholder(at: SourceLocation, path: String, name: String, allowed: [String])
    /// A `command` string that cannot be split into words (e.g. an unterminated quote).
    case commandSyntax(at: SourceLocation, path: String, reason: String)
    /// A key that only a spec with `command` may hold.
    case needsCommand(at: SourceLocation, key: String)

    /// The error as one line that names what failed, where, and what is allowed.
    public var description: String {
        switch self {
        case let .specUnreadable(path, reason):
            return "cannot read sweep spec \(path): \(reason)"
        case let .specSyntax(at, reason):
            return "\(at): YAML syntax error: \(reason)"
        case let .unknownKey(at, path, key, allowed):
            return "\(at): \(path): unknown key '\(key)'; allowed: \(allowed.joined(separator: ", "))"
        case let .wrongType(at, path, found, expected):
            return "\(at): \(path): expected \(expected), found \(found)"
        case let .invalidValue(at, path, value, allowed):
            return "\(at): \(path): invalid value '\(value)'; allowed: \(allowed)"
        case let .duplicateAxis(at, field, firstPath):
            return "\(at): '\(field)' is already an axis at \(firstPath); each field may vary in one place only"
        case let .zipLengthMismatch(at, path, lengths):
            let list = lengths.sorted { $0.key < $1.key }.map { "\($0.key) has \($0.value)" }.joined(separator: ", ")
            return "\(at): \(path): the axes of a zip group must have equal lengths (\(list))"
        case let .duplicateTrial(file, first, second):
            return "\(file): grid points \(Self.point(first)) and \(Self.point(second)) give the same configuration; remove one"
        case let .invalidFieldName(at, path, name, allowed):
            return "\(at): \(path): invalid field name '\(name)'; allowed: \(allowed)"
        case let .unknownPlaceholder(at, path, name, allowed):
            return "\(at): \(path): unknown placeholder '{\(name)}'; allowed: \(allowed.map { "{\($0)}" }.joined(separator: ", "))"
        case let .commandSyntax(at, path, reason):
            return "\(at): \(path): \(reason)"
        case let .needsCommand(at, key):
            return "\(at): '\(key)' applies only to a sweep with `command` (a program run per trial); add `command` or remove '\(key)'"
        }
    }

    private static func point(_ axes: [AxisValue]) -> String {
        axes.isEmpty ? "(base)" : "{" + axes.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}
