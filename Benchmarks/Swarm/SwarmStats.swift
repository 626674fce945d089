import Foundation

/// What the swarm counted during a run.
struct SwarmStats {
    /// Seconds from sending each result to receiving its ack (sent after the durable commit).
    var latencies: [Double] = []
    /// Results sent, resends excluded (the swarm never resends).
    var resultsSent = 0
    /// When the last ack arrived.
    var lastAck: Double?
    var heartbeatsSent = 0
    var heartbeatsReceived = 0
    /// Messages a coordinator never sends to a worker.
    var unexpected = 0

    /// The `p`-quantile (0…1) of the latencies, nearest rank; nil when there are none.
    func latency(quantile p: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }
}

/// The monotonic clock of the swarm, in seconds.
enum SwarmClock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
