/// A worker's identity as the scheduler knows it (the shell maps it to a socket peer).
public struct WorkerID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identity as text (e.g. the ZeroMQ routing id in hex, or `host:pid`).
    public var rawValue: String

    /// Wraps an identity.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The identity as text.
    public var description: String { rawValue }

    /// Orders identities by their text, for deterministic iteration.
    public static func < (lhs: WorkerID, rhs: WorkerID) -> Bool { lhs.rawValue < rhs.rawValue }
}
