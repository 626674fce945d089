/// Where a field sits, for error messages: the message type and the path inside the message.
struct FieldLocation {
    let messageType: String?
    let path: [any CodingKey]

    var field: String { path.fieldPath }
}

/// Conversions from a JSON value to the Swift scalar a field holds, with errors naming the field.
extension JSONValue {
    func missing(_ at: FieldLocation) -> WireError {
        .missingField(messageType: at.messageType, field: at.field)
    }

    func wrongType(_ at: FieldLocation, _ expected: String) -> WireError {
        if case .null = self { return missing(at) }
        return .wrongFieldType(messageType: at.messageType, field: at.field, expected: "\(expected), found \(kindName)")
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    func bool(_ at: @autoclosure () -> FieldLocation) throws(WireError) -> Bool {
        guard case let .bool(b) = self else { throw wrongType(at(), "a boolean") }
        return b
    }

    func string(_ at: @autoclosure () -> FieldLocation) throws(WireError) -> String {
        guard case let .string(s) = self else { throw wrongType(at(), "a string") }
        return s
    }

    /// A number, or one of the strings `"nan"`, `"inf"`, `"-inf"` that stand for non-finite values.
    func double(_ at: @autoclosure () -> FieldLocation) throws(WireError) -> Double {
        switch self {
        case let .double(d): return d
        case let .int(i): return Double(i)
        case let .uint(u): return Double(u)
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: throw wrongType(at(), "a number (or \"nan\", \"inf\", \"-inf\")")
        }
    }

    /// An integer; a number with a fraction part of zero (`3.0`) is accepted too.
    func integer<T: FixedWidthInteger>(_ type: T.Type, _ at: @autoclosure () -> FieldLocation) throws(WireError) -> T {
        let exact: T?
        switch self {
        case let .int(i): exact = T(exactly: i)
        case let .uint(u): exact = T(exactly: u)
        case let .double(d) where d.isFinite && d.rounded(.towardZero) == d: exact = T(exactly: d)
        default: throw wrongType(at(), "an integer")
        }
        guard let v = exact else {
            let loc = at()
            throw .invalidValue(
                messageType: loc.messageType, field: loc.field,
                reason: "the number is out of the range \(T.min)...\(T.max)")
        }
        return v
    }

    func object(_ at: @autoclosure () -> FieldLocation) throws(WireError) -> [(key: String, value: JSONValue)] {
        guard case let .object(members) = self else { throw wrongType(at(), "an object") }
        return members
    }

    func array(_ at: @autoclosure () -> FieldLocation) throws(WireError) -> [JSONValue] {
        guard case let .array(elements) = self else { throw wrongType(at(), "an array") }
        return elements
    }
}
