/// What registering a spec changed in a journal.
public struct JournalRegistration: Hashable, Sendable {
    /// Trials new to the journal.
    public var added: Int
    /// Trials of the spec the journal already held, recorded or not.
    public var existing: Int
    /// Trials of the previous spec that this one lacks: they stay in the journal, outside the
    /// current spec (NULL `grid_index`).
    public var left: Int
    /// Of those, the trials recorded (done or failed).
    public var leftRecorded: Int
    /// Whether the journal held a spec of another text before.
    public var specChanged: Bool

    /// Creates a summary of a registration.
    public init(added: Int, existing: Int, left: Int = 0, leftRecorded: Int = 0, specChanged: Bool = false) {
        self.added = added
        self.existing = existing
        self.left = left
        self.leftRecorded = leftRecorded
        self.specChanged = specChanged
    }
}
