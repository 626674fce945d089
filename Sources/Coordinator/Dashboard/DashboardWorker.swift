/// A worker as the dashboard shows it.
public struct DashboardWorker: Codable, Hashable, Sendable {
    public var id: String
    public var host: String?
    public var pid: Int?
    /// Seconds since 1970 of its first and latest hello.
    public var firstSeen: Double
    public var lastSeen: Double
    /// Trials of the current spec whose outcome it reported.
    public var trialsReported: Int

    enum CodingKeys: String, CodingKey {
        case id, host, pid
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case trialsReported = "trials_reported"
    }
}
