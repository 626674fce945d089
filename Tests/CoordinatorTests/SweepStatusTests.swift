import Core
import Foundation
import JSON
import Journaling
import Logging
import Reporting
import SweepSpecs
import Testing

/// ``SweepStatus``'s ETA: the pending trials at the latest session's rate, while a coordinator serves.
@Suite("Sweep status")
struct SweepStatusTests {
    /// A run directory of 4 trials, `done` of them done, with a snapshot taken at 1000 s since 1970
    /// of 5 trials recorded in 10 s.
    private func run(done: Int, serving: Bool = true) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-status-\(UUID().uuidString)").path
        let journal = try Journal.open(runDirectory: dir, toolVersion: "test", logger: Logger(label: "status"))
        let trials = (0..<4).map { TrialSpec(id: String(format: "%064x", $0 + 1), index: $0, config: TrialConfig(), seed: UInt64($0), axes: []) }
        try journal.register(spec: "s", specText: "s", trials: trials)
        let result = TrialResult(status: .completed, steps: 1, wallSeconds: 0, x: [], metrics: [:], curves: [])
        try journal.record(trials.prefix(done).map { .done(trialID: $0.id, result: result, attempts: 1, worker: "w") })
        let snapshot = SweepProgress(
            total: 4, done: done, failed: 0, running: 0, pending: 4 - done, workers: 1, elapsed: 10, recordedThisRun: 5,
            takenAt: 1000, serving: serving)
        try journal.setMeta(SweepProgress.metaKey, String(decoding: try JSONNodeEncoder.json(snapshot), as: UTF8.self))
        try journal.close()
        return dir
    }

    private func status(_ dir: String, at seconds: Double) throws -> SweepStatus {
        try SweepStatus.load(runDirectory: dir, logger: Logger(label: "status"), now: Date(timeIntervalSince1970: seconds))
    }

    @Test("pending trials over the session's rate while the snapshot is live; none when stale, stopped or complete")
    func eta() throws {
        let dir = try run(done: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try status(dir, at: 1001).etaSeconds == 6)
        #expect(try status(dir, at: 1000 + SweepStatus.liveWindow + 1).etaSeconds == nil)
        let stopped = try run(done: 1, serving: false)
        defer { try? FileManager.default.removeItem(atPath: stopped) }
        #expect(try status(stopped, at: 1001).etaSeconds == nil)
        let complete = try run(done: 4)
        defer { try? FileManager.default.removeItem(atPath: complete) }
        let finished = try status(complete, at: 1001)
        #expect(finished.etaSeconds == nil && finished.isComplete)
        #expect(try !status(dir, at: 1001).isComplete)
    }
}
