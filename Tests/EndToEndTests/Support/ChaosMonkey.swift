import Core
import Foundation
import Testing

/// One chaotic run of a sweep with real processes: a `mirrorsweep serve` and `mirrorsweep work`
/// processes that a seeded schedule SIGKILLs (starting replacements), SIGSTOPs and later
/// SIGCONTs, and a coordinator it SIGKILLs and restarts on the same run directory and port,
/// until the sweep finishes.
final class ChaosMonkey {
    /// The shape of the chaos.
    struct Settings {
        /// Worker processes kept running (stopped ones count).
        var workers = 3
        var heartbeatInterval = 0.2
        var heartbeatLiveness = 5
        /// The coordinator is SIGKILLed once the journal holds these fractions of the trials.
        var coordinatorKillsAt = [0.2, 0.45, 0.7]
        /// The mean training time of one trial; faults come every 0.5 to 2 of them.
        var meanTrialSeconds = 0.3
        /// Lost leases before a trial is recorded as failed: far above the default, since this
        /// chaos kills workers holding batches of 16 trials every few trials' time, and what it
        /// checks is that every trial is recorded once with the clean run's result.
        var maxLostLeases = 50
        /// A round that has not finished by then fails.
        var timeout = Duration.seconds(900)

        /// Seconds of silence after which a peer is dead.
        var deadAfter: Double { heartbeatInterval * Double(heartbeatLiveness) }
    }

    private struct Worker {
        let process: LaunchedProcess
        let id: String
        var stoppedUntil: ContinuousClock.Instant?
    }

    private let fixture: SweepFixture
    private let runDirectory: String
    private let settings: Settings
    private var rng: Xoshiro256StarStar
    private var endpoint = ""
    private var coordinator: LaunchedProcess?
    private var coordinatorLogs: [String] = []
    private var workers: [Worker] = []
    private var workersNamed = 0
    private var figures = ChaosFigures()

    /// Prepares a run of `fixture`'s spec in `runDirectory` whose faults follow `seed`.
    init(fixture: SweepFixture, runDirectory: String, seed: UInt64, settings: Settings) {
        self.fixture = fixture
        self.runDirectory = runDirectory
        self.settings = settings
        rng = Xoshiro256StarStar(seed: seed)
    }

    /// Runs the sweep to its end through the faults and returns what was done; every
    /// coordinator's log is in `figures`' counts. The caller checks the journal.
    func run() throws -> ChaosFigures {
        try startFirstCoordinator()
        for _ in 0..<settings.workers { try startWorker(id: newWorkerID()) }
        let total = try totalTrials()
        let deadline = ContinuousClock.now + settings.timeout
        while coordinator?.isRunning == true {
            pause(seconds: settings.meanTrialSeconds * uniform(0.5, 2))
            resumeDueWorkers()
            guard coordinator?.isRunning == true else { break }
            try #require(ContinuousClock.now < deadline, "the chaotic sweep did not finish within \(settings.timeout)")
            try replaceExitedWorkers()
            let done = JournalRows.counts(runDirectory: runDirectory)?.done ?? 0
            if figures.coordinatorKills < settings.coordinatorKillsAt.count,
               Double(done) >= settings.coordinatorKillsAt[figures.coordinatorKills] * Double(total) {
                try killCoordinator()
            } else {
                try injectWorkerFault()
            }
        }
        let last = try #require(coordinator)
        let exit = try last.wait(timeout: .seconds(60))
        #expect(exit.succeeded, "the last coordinator did not finish cleanly: \(exit.stderr)")
        coordinatorLogs.append(exit.stderr)
        stopWorkers()
        for log in coordinatorLogs { figures.count(coordinatorLog: log) }
        figures.rounds = 1
        return figures
    }

    private func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * rng.nextUniform() }

    private func pause(seconds: Double) { Thread.sleep(forTimeInterval: max(0.05, seconds)) }

    private func serveArguments() -> [String] {
        [
            "serve", fixture.specPath, "--bind", endpoint, "--run-dir", runDirectory, "--no-table",
            "--heartbeat-interval", "\(settings.heartbeatInterval)", "--heartbeat-liveness", "\(settings.heartbeatLiveness)",
            "--max-lost-leases", "\(settings.maxLostLeases)", "--log-level", "debug",
        ]
    }

    /// Binds a port below the ephemeral range, so that no outgoing connection can hold it
    /// while the coordinator is down; tries other ports when one is taken.
    private func startFirstCoordinator() throws {
        var ports = Xoshiro256StarStar(seed: UInt64(getpid()) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(Date().timeIntervalSince1970 * 1e6))
        for _ in 0..<8 {
            endpoint = "tcp://127.0.0.1:\(20_000 + ports.nextInt(below: 12_000))"
            if try startCoordinator() { return }
        }
        Issue.record("no free port for the coordinator after 8 tries: \(coordinatorLogs.last ?? "")")
        throw ChaosAborted()
    }

    /// Starts `serve` on `endpoint`; returns false when it exited without serving.
    private func startCoordinator() throws -> Bool {
        let process = try MirrorSweepBinary.start(serveArguments())
        coordinator = process
        if process.waitForOutput(containing: "listening on ", timeout: .seconds(120)) { return true }
        let exit = try process.wait(timeout: .seconds(60))
        if exit.succeeded { return true }
        coordinatorLogs.append(exit.stderr)
        return false
    }

    private func totalTrials() throws -> Int {
        var total = 0
        _ = SweepFixture.waitUntil(timeout: .seconds(60)) {
            total = JournalRows.counts(runDirectory: runDirectory)?.total ?? 0
            return total > 0
        }
        try #require(total > 0, "the journal never listed the trials")
        return total
    }

    private func killCoordinator() throws {
        let victim = try #require(coordinator)
        victim.send(SIGKILL)
        let exit = try victim.wait(timeout: .seconds(30))
        coordinatorLogs.append(exit.stderr)
        figures.coordinatorKills += 1
        pause(seconds: settings.deadAfter * uniform(0, 2.5))
        try #require(try startCoordinator(), "the restarted coordinator did not serve \(endpoint): \(coordinatorLogs.last ?? "")")
    }

    private func newWorkerID() -> String {
        defer { workersNamed += 1 }
        return "w\(workersNamed)"
    }

    private func startWorker(id: String) throws {
        let process = try MirrorSweepBinary.start(["work", "--connect", endpoint, "--worker-id", id])
        workers.append(Worker(process: process, id: id, stoppedUntil: nil))
        figures.workersStarted += 1
    }

    private func resumeDueWorkers() {
        let now = ContinuousClock.now
        for index in workers.indices {
            if let until = workers[index].stoppedUntil, until <= now {
                workers[index].process.send(SIGCONT)
                workers[index].stoppedUntil = nil
            }
        }
    }

    /// Workers that exited by themselves (e.g. sent away after a stop) are replaced.
    private func replaceExitedWorkers() throws {
        let exited = workers.filter { $0.stoppedUntil == nil && !$0.process.isRunning }
        workers.removeAll { $0.stoppedUntil == nil && !$0.process.isRunning }
        for _ in exited { try startWorker(id: newWorkerID()) }
    }

    /// SIGKILLs a running worker (its replacement takes the same id half of the time, as a
    /// restarted worker would), or SIGSTOPs one for longer than the liveness, or does nothing.
    private func injectWorkerFault() throws {
        let running = workers.indices.filter { workers[$0].stoppedUntil == nil }
        let stopped = workers.count - running.count
        let roll = rng.nextUniform()
        if roll < 0.5, !running.isEmpty {
            let index = running[rng.nextInt(below: running.count)]
            let victim = workers.remove(at: index)
            victim.process.send(SIGKILL)
            _ = try victim.process.wait(timeout: .seconds(30))
            figures.workerKills += 1
            try startWorker(id: rng.nextUniform() < 0.5 ? victim.id : newWorkerID())
        } else if roll < 0.8, running.count >= 2, stopped < 2 {
            let index = running[rng.nextInt(below: running.count)]
            workers[index].process.send(SIGSTOP)
            workers[index].stoppedUntil = ContinuousClock.now + .seconds(settings.deadAfter + uniform(0.5, 2.5))
            figures.workerStops += 1
        }
    }

    /// Resumes the stopped workers and ends every worker: those that joined the last
    /// coordinator were shut down by it, the others would wait for a coordinator forever.
    private func stopWorkers() {
        for worker in workers {
            worker.process.send(SIGCONT)
            worker.process.killAndReap()
        }
        workers.removeAll()
    }
}

/// A chaotic run ended early; the reason was recorded as an issue.
struct ChaosAborted: Error {}
