import Foundation
import Journaling
import Synchronization

/// Takes journal snapshots on demand, at most one per ``minimumInterval`` (longer when a snapshot
/// is slow), however many clients poll: a polling page costs the coordinator a bounded read.
package final class DashboardSnapshotCache: Sendable {
    /// The least time between two snapshots.
    package static let minimumInterval = 1.0
    /// A snapshot that took `t` seconds is kept at least `t` × this long, so that reading a large
    /// journal takes at most this fraction's inverse of a core.
    package static let slowFactor = 20.0

    private struct State {
        var latest: DashboardSnapshot?
        var validUntil = 0.0
    }

    private let journal: Journal
    private let runDirectory: String
    private let interval: Double
    private let state = Mutex(State())

    /// Snapshots `journal`, opened for reading on the run directory `runDirectory`, at most once per `interval` seconds.
    package init(journal: Journal, runDirectory: String, interval: Double = DashboardSnapshotCache.minimumInterval) {
        self.journal = journal
        self.runDirectory = runDirectory
        self.interval = interval
    }

    /// The latest snapshot, taken anew when the last is older than its interval.
    package func snapshot() throws(DashboardError) -> DashboardSnapshot {
        let result: Result<DashboardSnapshot, DashboardError> = state.withLock { state in
            let start = ProcessInfo.processInfo.systemUptime
            if let latest = state.latest, start < state.validUntil { return .success(latest) }
            do throws(DashboardError) {
                let taken = try DashboardSnapshot.take(journal: journal, runDirectory: runDirectory, previous: state.latest)
                let took = ProcessInfo.processInfo.systemUptime - start
                state.latest = taken
                state.validUntil = start + max(interval, took * Self.slowFactor)
                return .success(taken)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
