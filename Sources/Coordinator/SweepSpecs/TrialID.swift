/// A trial's identity: the hex SHA-256 that ``TrialIdentity`` computes, as text.
public struct TrialID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identity as text (``TrialSpec/id``, or a `trial_id` of the wire protocol).
    public var rawValue: String

    /// Wraps an identity.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The identity as text.
    public var description: String { rawValue }

    /// Orders identities by their text, for deterministic iteration.
    public static func < (lhs: TrialID, rhs: TrialID) -> Bool { lhs.rawValue < rhs.rawValue }
}
