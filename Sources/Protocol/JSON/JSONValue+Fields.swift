/// Conversions from a JSON value to the Swift scalar a field holds, with errors naming the field
/// by `path` (evaluated only when the conversion fails).
extension JSONValue {
    /// Whether this is JSON `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A wrong-type error for this value at `path`; a null value counts as missing.
    func wrongType(_ path: JSONPath, expected: String) -> JSONError {
        if case .null = self { return .missingField(path: path) }
        return .wrongType(path: path, expected: expected, found: kindName)
    }

    /// A boolean.
    package func bool(at path: @autoclosure () -> JSONPath) throws(JSONError) -> Bool {
        guard case let .bool(b) = self else { throw wrongType(path(), expected: "a boolean") }
        return b
    }

    /// A string.
    package func string(at path: @autoclosure () -> JSONPath) throws(JSONError) -> String {
        guard case let .string(s) = self else { throw wrongType(path(), expected: "a string") }
        return s
    }

    /// A number, or one of the strings `"nan"`, `"inf"`, `"-inf"` that stand for non-finite values.
    package func double(at path: @autoclosure () -> JSONPath) throws(JSONError) -> Double {
        switch self {
        case let .double(d): return d
        case let .int(i): return Double(i)
        case let .uint(u): return Double(u)
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: throw wrongType(path(), expected: "a number (or \"nan\", \"inf\", \"-inf\")")
        }
    }

    /// An integer; a number with a fraction part of zero (`3.0`) is accepted too.
    package func integer<T: FixedWidthInteger>(_ type: T.Type, at path: @autoclosure () -> JSONPath) throws(JSONError) -> T {
        let exact: T?
        switch self {
        case let .int(i): exact = T(exactly: i)
        case let .uint(u): exact = T(exactly: u)
        case let .double(d) where d.isFinite && d.rounded(.towardZero) == d: exact = T(exactly: d)
        default: throw wrongType(path(), expected: "an integer")
        }
        guard let v = exact else {
            throw .invalidValue(path: path(), reason: "the number is out of the range \(T.min)...\(T.max)")
        }
        return v
    }

    /// An object's members, in document order.
    package func object(at path: @autoclosure () -> JSONPath) throws(JSONError) -> [(key: String, value: JSONValue)] {
        guard case let .object(members) = self else { throw wrongType(path(), expected: "an object") }
        return members
    }

    /// An array's elements.
    package func array(at path: @autoclosure () -> JSONPath) throws(JSONError) -> [JSONValue] {
        guard case let .array(elements) = self else { throw wrongType(path(), expected: "an array") }
        return elements
    }
}
