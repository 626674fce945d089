/// A worker's identity as the scheduler knows it (the shell maps it to a socket peer).
public struct WorkerID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: WorkerID, rhs: WorkerID) -> Bool { lhs.rawValue < rhs.rawValue }
}
