/// Where x starts in sparse regression (`x_init`), written as a short string that round-trips
/// through Codable:
///
/// | string | x_init |
/// | --- | --- |
/// | `zero` | 0 (the papers' start, and the default) |
/// | `constant:C` | C in every entry |
/// | `gaussian:SIGMA` | SIGMA·N(0, 1) in each entry, drawn in order from its own ``Xoshiro256StarStar`` |
///
/// The Gaussian stream is seeded with `seed ^ 0x1517_1A17` (the trial seed, not the data seed), so
/// it shares no draws with the data or the minibatch stream, and a `zero` start draws nothing.
public enum InitialPoint: Hashable, Sendable, Codable, CustomStringConvertible {
    case zero
    case constant(Double)
    case gaussian(sigma: Double)

    /// What an `x_init` string may look like, for error messages.
    public static let allowedForms = "zero, constant:C, gaussian:SIGMA (C finite, SIGMA finite and ≥ 0)"

    /// The xor that separates the Gaussian start's stream from the other streams of a trial seed.
    static let streamKey: UInt64 = 0x1517_1A17

    /// The canonical string form.
    public var description: String {
        switch self {
        case .zero: return "zero"
        case let .constant(c): return "constant:\(ConfigValue.number(c))"
        case let .gaussian(sigma): return "gaussian:\(ConfigValue.number(sigma))"
        }
    }

    /// Parses the string form; the error names the field `x_init` and the allowed forms.
    public init(parsing text: String) throws(CoreError) {
        let s = text.trimmingCharacters(in: .whitespaces)
        func invalid(_ why: String) -> CoreError {
            .invalidField(field: "x_init", value: text, allowed: "\(why); forms: \(Self.allowedForms)")
        }
        if s == "zero" {
            self = .zero
            return
        }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw invalid("unknown form") }
        guard let value = Double(parts[1]), value.isFinite else { throw invalid("'\(parts[1])' is not a finite number") }
        switch parts[0] {
        case "constant":
            self = .constant(value)
        case "gaussian":
            guard value >= 0 else { throw invalid("SIGMA must be ≥ 0") }
            self = .gaussian(sigma: value)
        default:
            throw invalid("unknown form '\(parts[0])'")
        }
    }

    /// Whether x starts at 0 in every entry.
    public var isZero: Bool {
        switch self {
        case .zero: return true
        case let .constant(c): return c == 0
        case let .gaussian(sigma): return sigma == 0
        }
    }

    /// x_init for dimension `d` and trial seed `seed`.
    public func values(dimension d: Int, seed: UInt64) -> [Double] {
        switch self {
        case .zero:
            return [Double](repeating: 0, count: d)
        case let .constant(c):
            return [Double](repeating: c, count: d)
        case let .gaussian(sigma):
            var rng = Xoshiro256StarStar(seed: seed ^ Self.streamKey)
            return (0..<d).map { _ in sigma * rng.nextNormal() }
        }
    }

    /// Checks the parameters of an already-built start.
    public func validate() throws(CoreError) {
        _ = try InitialPoint(parsing: description)
    }

    public init(from decoder: any Decoder) throws {
        self = try InitialPoint(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
