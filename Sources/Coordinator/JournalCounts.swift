/// How many trials of the current spec the journal holds in each state.
public struct JournalCounts: Hashable, Sendable {
    public var total: Int
    public var done: Int
    public var failed: Int
    public var pending: Int

    public init(total: Int, done: Int, failed: Int, pending: Int) {
        self.total = total
        self.done = done
        self.failed = failed
        self.pending = pending
    }
}
