/// How many trials of the current spec the journal holds in each state.
public struct JournalCounts: Hashable, Sendable {
    /// Trials of the current spec.
    public var total: Int
    /// Recorded with a result.
    public var done: Int
    /// Recorded as failed.
    public var failed: Int
    /// Not yet recorded.
    public var pending: Int

    /// Creates counts.
    public init(total: Int, done: Int, failed: Int, pending: Int) {
        self.total = total
        self.done = done
        self.failed = failed
        self.pending = pending
    }
}
