/// How many trials of a ``Scheduler`` are in each state.
public struct SchedulerProgress: Hashable, Sendable {
    /// All trials, recorded ones included.
    public var total: Int
    /// Waiting in the queue for a worker.
    public var pending: Int
    /// Leased to a live worker.
    public var running: Int
    /// Outcome known, journal commit not yet confirmed.
    public var persisting: Int
    /// Committed to the journal (done or failed).
    public var recorded: Int
    /// Workers that joined and are not yet gone.
    public var workers: Int
    /// The trials those workers say they run at once, added up.
    public var slots: Int
}
