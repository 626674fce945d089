import Foundation
import JSON
import Journaling
import Reporting
import SweepSpecs

/// What the dashboard shows at one moment, read from the run directory's journal: the body of
/// `GET /api/status` and the source of `GET /metrics`.
public struct DashboardSnapshot: Codable, Hashable, Sendable {
    public var sweep: String
    public var total: Int
    public var done: Int
    public var failed: Int
    /// Leased to workers, per the coordinator's latest progress.
    public var running: Int
    /// Waiting for a worker (not counting ``running``).
    public var pending: Int
    /// Workers connected now, per the coordinator's latest progress.
    public var workersConnected: Int
    /// Whether a coordinator serves the sweep now.
    public var coordinatorAlive: Bool
    /// Seconds the coordinator has served.
    public var elapsedSeconds: Double
    /// Trials recorded per second since the coordinator started.
    public var trialsPerSecond: Double
    /// Trials recorded per second between the two latest snapshots; nil for the first.
    public var recentTrialsPerSecond: Double?
    /// Seconds until every trial is recorded at ``trialsPerSecond``; nil before any was recorded.
    public var etaSeconds: Double?
    /// Seconds the coordinator's latest journal commit took; nil when it reported none.
    public var commitSeconds: Double?
    public var workers: [DashboardWorker]
    /// The failed trials of the current spec, at most ``maxFailures``.
    public var failures: [DashboardFailure]
    /// The inline Pareto scatter SVG, nil when the trials record no sparsity.
    public var paretoSVG: String?
    /// The results table of what is recorded so far, as HTML.
    public var tableHTML: String
    /// Seconds since 1970 when this snapshot was taken.
    public var takenAt: Double

    /// The most failures a snapshot lists.
    public static let maxFailures = 50

    enum CodingKeys: String, CodingKey {
        case sweep, total, done, failed, running, pending, workers, failures
        case workersConnected = "workers_connected"
        case coordinatorAlive = "coordinator_alive"
        case elapsedSeconds = "elapsed_seconds"
        case trialsPerSecond = "trials_per_second"
        case recentTrialsPerSecond = "recent_trials_per_second"
        case etaSeconds = "eta_seconds"
        case commitSeconds = "commit_seconds"
        case paretoSVG = "pareto_svg"
        case tableHTML = "table_html"
        case takenAt = "taken_at"
    }

    /// Reads the journal; `previous` gives the recent rate.
    public static func take(
        journal: Journal, runDirectory: String, previous: DashboardSnapshot? = nil, now: Date = Date()
    ) throws(DashboardError) -> DashboardSnapshot {
        do {
            let counts = try journal.counts()
            let live = try journal.meta(SweepProgress.metaKey)
                .flatMap { try? JSONNodeDecoder.decode(SweepProgress.self, from: $0) }
            let seconds = now.timeIntervalSince1970
            let alive = live.map { $0.serving && seconds - $0.takenAt < SweepStatus.liveWindow } ?? false
            let done = counts.done, failed = counts.failed
            let logs = counts.failed > 0 ? try journal.failureLogs() : [:]
            let failures = try journal.failedRecords(limit: maxFailures).map { record in
                let (message, attempts) = if case let .failed(message, attempts) = record.outcome { (message, attempts) } else { ("", 0) }
                return DashboardFailure(
                    trialID: record.spec.id, axes: LiveReport.describe(record.spec.axes), seed: record.spec.seed,
                    attempts: attempts, message: message, log: logs[record.spec.id].map { LiveReport.tail($0.text) })
            }
            let unrecorded = counts.total - done - failed
            let running = alive ? min(live?.running ?? 0, unrecorded) : 0
            let name = try journal.sweep()?.name ?? ""
            let table = try? LiveReport.table(journal, name: name)
            let recent = previous.flatMap { previous -> Double? in
                let interval = seconds - previous.takenAt
                return interval > 0 ? Double(done + failed - previous.done - previous.failed) / interval : nil
            }
            return DashboardSnapshot(
                sweep: name, total: counts.total, done: done, failed: failed, running: running, pending: unrecorded - running,
                workersConnected: alive ? live?.workers ?? 0 : 0, coordinatorAlive: alive,
                elapsedSeconds: live.map { $0.elapsed + (alive ? max(0, seconds - $0.takenAt) : 0) } ?? 0,
                trialsPerSecond: live?.trialsPerSecond ?? 0, recentTrialsPerSecond: recent,
                etaSeconds: unrecorded == 0 ? 0 : (alive ? live?.estimatedSecondsLeft : nil), commitSeconds: live?.commitSeconds,
                workers: try journal.workers().map {
                    DashboardWorker(id: $0.id, host: $0.host, pid: $0.pid, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen,
                                    trialsReported: $0.trialsReported)
                },
                failures: failures, paretoSVG: table.flatMap { LiveReport.paretoSVG($0, name: name) },
                tableHTML: table.map(LiveReport.tableHTML) ?? "<p class=\"note\">No trial recorded yet.</p>",
                takenAt: seconds)
        } catch {
            throw .snapshot(runDirectory: runDirectory, cause: "\(error)")
        }
    }

    /// The snapshot as JSON, keys sorted.
    public func json() throws(DashboardError) -> [UInt8] {
        do {
            return try JSONNodeEncoder.json(self, format: [.sortedKeys])
        } catch {
            throw .snapshot(runDirectory: sweep, cause: "cannot encode the snapshot: \(error)")
        }
    }
}
