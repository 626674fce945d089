extension JSONValue: Hashable {
    /// Values are equal when they have the same kind and contents; object members are compared in
    /// order, so `{"a":1,"b":2}` and `{"b":2,"a":1}` differ (canonical forms sort their keys).
    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.uint(a), .uint(b)): a == b
        case let (.double(a), .double(b)): a.bitPattern == b.bitPattern
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(b): hasher.combine(b)
        case let .int(n): hasher.combine(n)
        case let .uint(n): hasher.combine(n)
        case let .double(d): hasher.combine(d.bitPattern)
        case let .string(s): hasher.combine(s)
        case let .array(elements): hasher.combine(elements)
        case let .object(members):
            hasher.combine(members.count)
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }
}
