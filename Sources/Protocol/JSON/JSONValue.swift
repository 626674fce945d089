/// A parsed JSON value. Integers keep their exact value (seeds use the full `UInt64` range);
/// object members keep their order.
package enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// An integer literal that fits in `Int64`.
    case int(Int64)
    /// An integer literal above `Int64.max` that fits in `UInt64`.
    case uint(UInt64)
    /// Any other number, including the non-finite values NaN and ±Infinity.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The JSON kind, for error messages.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .uint, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension [(key: String, value: JSONValue)] {
    /// The value of member `key`; the last one wins if the key repeats, as in Python's `json`.
    package func member(_ key: String) -> JSONValue? {
        var i = endIndex
        while i > startIndex {
            i -= 1
            if self[i].key == key { return self[i].value }
        }
        return nil
    }
}
