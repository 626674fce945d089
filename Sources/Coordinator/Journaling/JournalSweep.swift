/// The sweep a journal belongs to: the last registered spec.
public struct JournalSweep: Hashable, Sendable {
    /// The spec's name.
    public var name: String
    /// The spec's YAML as registered.
    public var specText: String
    /// Seconds since 1970 when the sweep was first registered.
    public var createdAt: Double
    /// Seconds since 1970 when the spec was last registered.
    public var updatedAt: Double
}
