import Core
import Foundation
import Journaling
import Logging
import SweepSpecs
import Testing

/// `mirrorsweep status` with an ETA, and `status --watch`, on a run directory whose journal the
/// test fills through the Journal API, writing the coordinator's snapshot itself.
@Suite("mirrorsweep status: ETA and --watch")
struct StatusWatchTests {
    /// A run directory holding 4 noop trials, one of them done, with a serving coordinator's
    /// snapshot (taken now) of 5 trials recorded in 10 s: 0.5 trials/s, so 3 pending take 6 s.
    private func servedRun() throws -> (dir: String, journal: Journal, trials: [TrialSpec]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-status-\(UUID().uuidString)").path
        let journal = try Journal.open(runDirectory: dir, toolVersion: "test", logger: Logger(label: "status-tests"))
        var config = TrialConfig()
        config.problem = .noop
        let trials = (0..<4).map { index in
            TrialSpec(id: String(format: "%064x", index + 1), index: index, config: config, seed: UInt64(index), axes: [])
        }
        try journal.register(spec: "watched", specText: "watched", trials: trials)
        try record(trials[0], in: journal)
        let snapshot = SweepProgress(
            total: 4, done: 1, failed: 0, running: 1, pending: 2, workers: 1, elapsed: 10, recordedThisRun: 5)
        try journal.setMeta(SweepProgress.metaKey, String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self))
        return (dir, journal, trials)
    }

    private func record(_ trial: TrialSpec, in journal: Journal) throws {
        let result = TrialResult(status: .completed, steps: 1, wallSeconds: 0, x: [], metrics: ["train_loss": 0], curves: [])
        try journal.record([.done(trialID: trial.id, result: result, attempts: 1, worker: "w")])
    }

    @Test("while trials remain and a coordinator serves, status gives the ETA at the session's rate, also in JSON")
    func eta() throws {
        let (dir, journal, _) = try servedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try MirrorSweepBinary.run(["status", dir], timeout: .seconds(30))
        #expect(text.succeeded, "status failed: \(text.stderr)")
        #expect(text.stdout.contains("rate      0.5 trials/s\neta       6s at that rate\n"), "\(text.stdout)")
        let json = try MirrorSweepBinary.run(["status", dir, "--json"], timeout: .seconds(30))
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["eta_seconds"] as? Int == 6, "\(json.stdout)")

        let stopped = SweepProgress(
            total: 4, done: 1, failed: 0, running: 0, pending: 3, workers: 0, elapsed: 10, recordedThisRun: 5, serving: false)
        try journal.setMeta(SweepProgress.metaKey, String(decoding: try JSONEncoder().encode(stopped), as: UTF8.self))
        let after = try MirrorSweepBinary.run(["status", dir], timeout: .seconds(30))
        #expect(after.succeeded && !after.stdout.contains("eta"), "an ETA without a coordinator: \(after.stdout)")
    }

    @Test("--watch reprints until every trial is recorded, then exits 0")
    func watch() throws {
        let (dir, journal, trials) = try servedRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watcher = try MirrorSweepBinary.start(["status", dir, "--watch", "--interval", "0.2"])
        let reprinted = SweepFixture.waitUntil(timeout: .seconds(30)) {
            watcher.stdoutSoFar.components(separatedBy: "sweep     watched").count > 2
        }
        #expect(reprinted, "status was not printed twice: \(watcher.stdoutSoFar) \(watcher.stderrSoFar)")
        #expect(watcher.isRunning, "--watch ended before the sweep was complete")
        #expect(watcher.stdoutSoFar.contains("eta       6s at that rate"))
        for trial in trials.dropFirst() { try record(trial, in: journal) }
        let ended = try watcher.wait(timeout: .seconds(30))
        #expect(ended.succeeded, "--watch failed: \(ended.stderr)")
        let last = try #require(ended.stdout.components(separatedBy: "sweep     watched").last)
        #expect(last.contains("done      4\n") && last.contains("pending   0\n") && !last.contains("eta"), "\(ended.stdout)")
    }

    @Test("--interval needs --watch and a positive number")
    func intervalErrors() throws {
        let alone = try MirrorSweepBinary.run(["status", "nowhere", "--interval", "1"], timeout: .seconds(30))
        #expect(alone.status == 2 && alone.stderr.contains("--interval needs --watch"), "\(alone.stderr)")
        let zero = try MirrorSweepBinary.run(["status", "nowhere", "--watch", "--interval", "0"], timeout: .seconds(30))
        #expect(zero.status == 2 && zero.stderr.contains("--interval must be a number of seconds") && zero.stderr.contains("got 0"), "\(zero.stderr)")
    }
}
