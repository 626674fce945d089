/// The one error type of the Core library; each case carries what caused it.
public enum CoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration field holds a value outside what is allowed.
    case invalidField(field: String, value: String, allowed: String)
    /// A data file could not be read or parsed.
    case dataFile(path: String, reason: String)
    /// A data set's pieces do not fit together (e.g. `Z` has 40 rows but `y` has 39 entries).
    case dataShape(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidField(field, value, allowed):
            return "invalid value '\(value)' for field '\(field)': allowed \(allowed)"
        case let .dataFile(path, reason):
            return "cannot read data file \(path): \(reason)"
        case let .dataShape(path, reason):
            return "inconsistent data in \(path): \(reason)"
        }
    }
}
