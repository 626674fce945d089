/// Credit and reports: the window of trials a session asks for, and the reports it keeps until
/// they are acknowledged.
extension WorkerSession {
    mutating func welcomed(heartbeatInterval interval: Double, heartbeatLiveness liveness: Int, runID: String) {
        isWelcomed = true
        heartbeatInterval = interval
        heartbeatLiveness = liveness
        emit(.log(level: .info, message: "connected to the coordinator at \(options.endpoint); joined run \(runID)"))
        window = targetWindow()
        emit(.requestWork(credit: window))
    }

    /// Sends the report of a trial this session holds, keeps it until acknowledged, and asks for
    /// one more trial plus whatever the window grew by. Reports of trials it does not hold (from
    /// an earlier session) are dropped.
    mutating func finished(trialID: String, report: [UInt8], now: Double) {
        guard let assignedAt = held.removeValue(forKey: trialID) else { return }
        meanTrialSeconds = 0.8 * meanTrialSeconds + 0.2 * (now - assignedAt)
        emit(.sendReport(trialID: trialID, report: report))
        unacknowledged[trialID] = (report, now)
        let extra = max(0, targetWindow() - window)
        window += extra
        emit(.requestWork(credit: 1 + extra))
    }

    /// Enough trials in flight to keep every slot busy plus a prefetch sized so that short
    /// trials do not wait a round trip: about 20 ms of work, between 1 and 64 trials; while
    /// trials come in batches, a full batch per slot. Each finished trial asks for one more, so
    /// the window holds even when the coordinator caps it.
    func targetWindow() -> Int {
        let prefetch = options.slots + min(64, max(1, Int(0.02 / max(meanTrialSeconds, 1e-6))))
        return batching ? max(prefetch, options.slots * options.maxTrialsPerBatch) : prefetch
    }
}
