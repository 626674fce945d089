import Core
import Foundation
import Journaling
import Logging
import SweepSpecs
import Testing

/// `mirrorsweep logs` on a run directory whose journal the test fills through the Journal API.
@Suite("mirrorsweep logs")
struct LogsCommandTests {
    /// Two command trials and a core one: `abcd01…` failed twice with logs, `abcd02…` is done
    /// with a log, `ef01…` is a core trial that is done.
    private func filledRun() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-logs-\(UUID().uuidString)").path
        let journal = try Journal.open(runDirectory: dir, toolVersion: "test", logger: Logger(label: "logs-tests"))
        func id(_ start: String) -> String { start + String(repeating: "0", count: 64 - start.count) }
        let command = CommandTrial(command: ["sh", "train.sh", "{lr}"], fields: [CommandField(name: "lr", value: .string("0.1"))])
        let trials = [
            TrialSpec(id: id("abcd01"), index: 0, work: .command(command), seed: 1, axes: [AxisValue(name: "lr", value: "0.1")]),
            TrialSpec(id: id("abcd02"), index: 1, work: .command(command), seed: 2, axes: [AxisValue(name: "lr", value: "0.1")]),
            TrialSpec(id: id("ef01"), index: 2, config: TrialConfig(), seed: 3, axes: []),
        ]
        try journal.register(spec: "logs", specText: "logs", trials: trials)
        try journal.record([
            .failed(trialID: trials[0].id, message: "exit status 1", attempts: 2, worker: nil, logs: [
                JournalAttemptLog(attempt: 1, failure: "exit status 1", text: "first try: ImportError\n"),
                JournalAttemptLog(attempt: 2, failure: "exit status 1", text: "second try: ImportError\n"),
            ]),
            .done(trialID: trials[1].id, result: TrialResult(
                status: .completed, steps: 0, wallSeconds: 1, x: [], metrics: ["accuracy": 0.9], curves: [], log: "accuracy 0.9\n"),
                  attempts: 1, worker: "w"),
            .done(trialID: trials[2].id, result: TrialResult(
                status: .completed, steps: 1, wallSeconds: 1, x: [], metrics: ["train_loss": 1], curves: []),
                  attempts: 1, worker: "w"),
        ])
        try journal.close()
        return dir
    }

    @Test("prints the status, failure and latest log of a trial named by a unique prefix; --all and --attempt")
    func printsLogs() throws {
        let dir = try filledRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let latest = try MirrorSweepBinary.run(["logs", dir, "ABCD01"])
        #expect(latest.succeeded, "logs failed: \(latest.stderr)")
        #expect(latest.stdout.contains("trial     abcd01"))
        #expect(latest.stdout.contains("status    failed after 2 attempts"))
        #expect(latest.stdout.contains("failure   exit status 1"))
        #expect(latest.stdout.contains("second try: ImportError") && !latest.stdout.contains("first try"))

        let all = try MirrorSweepBinary.run(["logs", dir, "abcd01", "--all"])
        #expect(all.succeeded)
        let first = try #require(all.stdout.range(of: "first try: ImportError"))
        let second = try #require(all.stdout.range(of: "second try: ImportError"))
        #expect(first.lowerBound < second.lowerBound)

        let one = try MirrorSweepBinary.run(["logs", dir, "abcd01", "--attempt", "1"])
        #expect(one.succeeded && one.stdout.contains("first try") && !one.stdout.contains("second try"))
        let missing = try MirrorSweepBinary.run(["logs", dir, "abcd01", "--attempt", "3"])
        #expect(missing.status == 1 && missing.stderr.contains("no log of attempt 3; attempts with a log: 1, 2"))

        let done = try MirrorSweepBinary.run(["logs", dir, "abcd02"])
        #expect(done.succeeded && done.stdout.contains("status    done after 1 attempt") && done.stdout.contains("accuracy 0.9"))
    }

    @Test("an ambiguous or unknown prefix, a core trial and a malformed id are reported")
    func errors() throws {
        let dir = try filledRun()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ambiguous = try MirrorSweepBinary.run(["logs", dir, "abcd"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("'abcd' is ambiguous; it matches abcd01") && ambiguous.stderr.contains("abcd02"))
        let unknown = try MirrorSweepBinary.run(["logs", dir, "9999"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no trial whose id starts with '9999'"))
        let core = try MirrorSweepBinary.run(["logs", dir, "ef01"])
        #expect(core.succeeded && core.stdout.contains("the trial runs the built-in core"))
        let malformed = try MirrorSweepBinary.run(["logs", dir, "xyz"])
        #expect(malformed.status == 2 && malformed.stderr.contains("at least 4 hex digits"))
    }
}
