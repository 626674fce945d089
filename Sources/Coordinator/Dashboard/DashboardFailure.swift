/// A failed trial as the dashboard shows it: where in the grid, why, and the end of its log.
public struct DashboardFailure: Codable, Hashable, Sendable {
    public var trialID: String
    /// Its grid point, `name=value, …`.
    public var axes: String
    public var seed: UInt64
    public var attempts: Int
    /// The last attempt's error message.
    public var message: String
    /// The end of the latest logged attempt's output (command trials), nil when none was kept.
    public var log: String?

    enum CodingKeys: String, CodingKey {
        case trialID = "trial_id"
        case axes, seed, attempts, message, log
    }
}
