import Prometheus
import Synchronization

/// The Prometheus exposition of a snapshot: `GET /metrics`.
package final class DashboardMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let trials: [(state: String, gauge: Gauge)]
    private let workersConnected: Gauge
    private let workersSeen: Gauge
    private let resultRate: Gauge
    private let recentResultRate: Gauge
    private let commitLatency: Gauge
    private let coordinatorUp: Gauge
    private let exposing = Mutex(())

    /// Registers the gauges.
    package init() {
        let registry = registry
        trials = ["done", "failed", "running", "pending"].map { state in
            (state, registry.makeGauge(name: "mirrorsweep_trials", labels: [("state", state)],
                                       help: "Trials of the sweep's current spec by state"))
        }
        workersConnected = registry.makeGauge(name: "mirrorsweep_workers_connected", help: "Workers connected to the coordinator now")
        workersSeen = registry.makeGauge(name: "mirrorsweep_workers_seen", help: "Distinct workers that ever joined the sweep")
        resultRate = registry.makeGauge(
            name: "mirrorsweep_result_rate", help: "Trials recorded per second since the coordinator started serving")
        recentResultRate = registry.makeGauge(
            name: "mirrorsweep_recent_result_rate", help: "Trials recorded per second between the two latest snapshots")
        commitLatency = registry.makeGauge(
            name: "mirrorsweep_commit_latency_seconds", help: "Seconds the coordinator's latest journal commit took")
        coordinatorUp = registry.makeGauge(name: "mirrorsweep_coordinator_up", help: "1 while a coordinator serves the sweep")
    }

    /// The metrics of `snapshot` in the Prometheus text format.
    package func exposition(of snapshot: DashboardSnapshot) -> String {
        exposing.withLock { _ in
            let counts = ["done": snapshot.done, "failed": snapshot.failed, "running": snapshot.running, "pending": snapshot.pending]
            for (state, gauge) in trials { gauge.set(to: Double(counts[state] ?? 0)) }
            workersConnected.set(to: Double(snapshot.workersConnected))
            workersSeen.set(to: Double(snapshot.workers.count))
            resultRate.set(to: snapshot.trialsPerSecond)
            recentResultRate.set(to: snapshot.recentTrialsPerSecond ?? 0)
            commitLatency.set(to: snapshot.commitSeconds ?? 0)
            coordinatorUp.set(to: snapshot.coordinatorAlive ? 1 : 0)
            return registry.emitToString()
        }
    }
}
