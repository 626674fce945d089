/// A worker that joined the sweep, as the journal's `workers` table keeps it.
public struct JournalWorker: Hashable, Sendable {
    /// The worker id it said in its hello.
    public var id: String
    /// The host it runs on, when it said.
    public var host: String?
    /// Its process id, when it said.
    public var pid: Int?
    /// Seconds since 1970 of its first and latest hello.
    public var firstSeen: Double
    public var lastSeen: Double
    /// Trials of the current spec whose outcome it reported.
    public var trialsReported: Int

    /// Creates a worker row.
    public init(id: String, host: String?, pid: Int?, firstSeen: Double, lastSeen: Double, trialsReported: Int) {
        self.id = id
        self.host = host
        self.pid = pid
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.trialsReported = trialsReported
    }
}
