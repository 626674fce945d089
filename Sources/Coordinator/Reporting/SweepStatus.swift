import Foundation
import JSON
import Journaling
import Logging

/// Where a sweep stands, read from its run directory while or after it runs.
public struct SweepStatus: Codable, Hashable, Sendable {
    public var sweep: String
    public var total: Int
    public var done: Int
    public var failed: Int
    /// Trials leased to workers, per the coordinator's latest snapshot (0 when none serves).
    public var running: Int
    public var pending: Int
    /// Distinct workers that ever joined the sweep.
    public var workersSeen: Int
    /// Seconds the latest coordinator session has served (up to now while it serves, up to its
    /// end after); 0 before any coordinator served.
    public var elapsedSeconds: Double
    /// Trials recorded per second in that session.
    public var trialsPerSecond: Double
    /// Whether a coordinator wrote a snapshot in the last ``liveWindow`` seconds.
    public var coordinatorAlive: Bool
    /// Estimated seconds until every trial is recorded, at ``trialsPerSecond``: nil unless a
    /// coordinator serves, trials remain and the session has recorded some.
    public var etaSeconds: Double?

    /// A snapshot older than this many seconds means no coordinator is serving.
    public static let liveWindow = 10.0

    enum CodingKeys: String, CodingKey {
        case sweep, total, done, failed, running, pending
        case workersSeen = "workers_seen"
        case elapsedSeconds = "elapsed_seconds"
        case trialsPerSecond = "trials_per_second"
        case coordinatorAlive = "coordinator_alive"
        case etaSeconds = "eta_seconds"
    }

    /// Reads the status of the sweep in `runDirectory`; an error when it holds no journal.
    public static func load(runDirectory: String, logger: Logger, now: Date = Date()) throws -> SweepStatus {
        let journal = try Journal.openForReading(runDirectory: runDirectory, logger: logger)
        let counts = try journal.counts()
        let sweep = try journal.sweep()
        let live = try journal.meta(SweepProgress.metaKey)
            .flatMap { try? JSONNodeDecoder.decode(SweepProgress.self, from: $0) }
        let alive = live.map { $0.serving && now.timeIntervalSince1970 - $0.takenAt < liveWindow } ?? false
        let running = alive ? min(live?.running ?? 0, counts.pending) : 0
        let rate = live?.trialsPerSecond ?? 0
        return SweepStatus(
            sweep: sweep?.name ?? "", total: counts.total, done: counts.done, failed: counts.failed,
            running: running, pending: counts.pending - running, workersSeen: try journal.workerCount(),
            elapsedSeconds: live.map { $0.elapsed + (alive ? max(0, now.timeIntervalSince1970 - $0.takenAt) : 0) } ?? 0,
            trialsPerSecond: rate, coordinatorAlive: alive,
            etaSeconds: alive && rate > 0 && counts.pending > 0 ? Double(counts.pending) / rate : nil)
    }

    /// Whether every trial of the sweep is recorded, done or failed.
    public var isComplete: Bool { done + failed == total }
}
