import Foundation

/// A snapshot of a sweep while its coordinator serves it.
public struct SweepProgress: Codable, Hashable, Sendable {
    /// The journal `meta` key under which the coordinator keeps its latest snapshot as JSON.
    public static let metaKey = "live_progress"

    /// Trials of the current spec.
    public var total: Int
    /// Recorded with a result.
    public var done: Int
    /// Recorded as failed.
    public var failed: Int
    /// Leased to a worker, or waiting for their journal commit.
    public var running: Int
    /// Waiting for a worker.
    public var pending: Int
    /// Workers connected now.
    public var workers: Int
    /// Seconds since this coordinator started serving.
    public var elapsed: Double
    /// Trials recorded since this coordinator started serving.
    public var recordedThisRun: Int
    /// Seconds since 1970 when the snapshot was taken.
    public var takenAt: Double
    /// Whether the coordinator was still serving (false in its last snapshot).
    public var serving: Bool
    /// Seconds its latest journal commit took; nil before the first (and in snapshots of earlier versions).
    public var commitSeconds: Double?

    public init(
        total: Int, done: Int, failed: Int, running: Int, pending: Int, workers: Int,
        elapsed: Double, recordedThisRun: Int, takenAt: Double = Date().timeIntervalSince1970, serving: Bool = true,
        commitSeconds: Double? = nil
    ) {
        self.total = total
        self.done = done
        self.failed = failed
        self.running = running
        self.pending = pending
        self.workers = workers
        self.elapsed = elapsed
        self.recordedThisRun = recordedThisRun
        self.takenAt = takenAt
        self.serving = serving
        self.commitSeconds = commitSeconds
    }

    /// Recorded trials per second in this coordinator's run.
    public var trialsPerSecond: Double { elapsed > 0 ? Double(recordedThisRun) / elapsed : 0 }

    /// Estimated seconds until every trial is recorded, nil before anything was recorded.
    public var estimatedSecondsLeft: Double? {
        let rate = trialsPerSecond
        return rate > 0 ? Double(total - done - failed) / rate : nil
    }
}
