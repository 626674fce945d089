/// The value of one `TrialConfig` field, as the field table reads and writes it.
public enum ConfigValue: Hashable, Sendable {
    /// An optional field left unset.
    case null
    case int(Int)
    case uint(UInt64)
    case double(Double)
    /// A path or other free text.
    case string(String)
    /// The raw value of an enum field.
    case choice(String)
    case schedule(WeightDecaySchedule)
    case initialPoint(InitialPoint)
    case doubles([Double])
    case ints([Int])

    /// The canonical text of the value, as shown in axis values and tables (`0.05`, `[32, 16]`, `off-at:2000`).
    public var canonical: String {
        switch self {
        case .null: return "null"
        case let .int(v): return String(v)
        case let .uint(v): return String(v)
        case let .double(v): return Self.number(v)
        case let .string(v), let .choice(v): return v
        case let .schedule(v): return v.description
        case let .initialPoint(v): return v.description
        case let .doubles(v): return "[" + v.map(Self.number).joined(separator: ", ") + "]"
        case let .ints(v): return "[" + v.map(String.init).joined(separator: ", ") + "]"
        }
    }

    /// Integral values without a fractional part (`0`, not `0.0`); others in Swift's shortest round-trip form.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return v.description
    }
}
