import Core
@testable import Dashboard
import Foundation
import JSON
import Journaling
import Logging
import SweepSpecs
import Testing

@Suite("Dashboard: address, snapshot JSON, Prometheus metrics")
struct DashboardTests {
    /// The command sweep of ``makeCommandTrials()``: seven trials done by worker `w` on `node-1`,
    /// the last failed with a log, and a coordinator's live progress.
    private func filledJournal(_ run: TemporaryRunDirectory) throws -> Journal {
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        try journal.noteWorker(id: "w", host: "node-1", pid: 42)
        var entries: [JournalEntry] = trials.dropLast().enumerated().map { index, trial in
            .done(trialID: trial.id, result: makeCommandResult(accuracy: Double(index) / 10, loss: 1 - Double(index) / 10),
                  attempts: 1, worker: "w")
        }
        entries.append(.failed(trialID: trials[7].id, message: "exit status 1", attempts: 2, worker: nil, logs: [
            JournalAttemptLog(attempt: 2, failure: "exit status 1", text: "loading <data>\nKeyError: 'x'\n"),
        ]))
        try journal.record(entries)
        let live = SweepProgress(total: 8, done: 7, failed: 1, running: 0, pending: 0, workers: 1, elapsed: 4,
                                 recordedThisRun: 8, commitSeconds: 0.002)
        try journal.setMeta(SweepProgress.metaKey, String(decoding: try JSONNodeEncoder.json(live), as: UTF8.self))
        return journal
    }

    private func reader(_ run: TemporaryRunDirectory) throws -> Journal {
        try Journal.openForReading(runDirectory: run.path, logger: Logger(label: "dashboard-tests"))
    }

    @Test("--dashboard takes PORT, ADDRESS:PORT and [IPv6]:PORT; loopback unless an address is given")
    func address() throws {
        #expect(try DashboardAddress(parsing: "8080") == DashboardAddress(host: "127.0.0.1", port: 8080))
        #expect(try DashboardAddress(parsing: "0.0.0.0:0") == DashboardAddress(host: "0.0.0.0", port: 0))
        #expect(try DashboardAddress(parsing: "[::1]:9") == DashboardAddress(host: "::1", port: 9))
        #expect(try DashboardAddress(parsing: "localhost:80").description == "localhost:80")
        #expect(DashboardAddress(host: "::1", port: 9).description == "[::1]:9")
        for bad in ["", "http", "70000", "-1", "host:", ":80", "::1:80", "[::1]", "1.2.3.4:8080x"] {
            #expect(throws: DashboardError.invalidAddress(given: bad)) { try DashboardAddress(parsing: bad) }
        }
        #expect(DashboardError.invalidAddress(given: "x").description.contains("expected [ADDRESS:]PORT with PORT 0…65535"))
    }

    @Test("the snapshot of a filled journal: counts, workers with their host, failures with their log, table, JSON")
    func snapshot() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        _ = try filledJournal(run)
        let now = Date()
        let snapshot = try DashboardSnapshot.take(journal: try reader(run), runDirectory: run.path, now: now)
        #expect(snapshot.sweep == "cmd")
        #expect((snapshot.total, snapshot.done, snapshot.failed, snapshot.running, snapshot.pending) == (8, 7, 1, 0, 0))
        #expect(snapshot.coordinatorAlive && snapshot.workersConnected == 1)
        #expect(snapshot.trialsPerSecond == 2 && snapshot.etaSeconds == 0 && snapshot.commitSeconds == 0.002)
        #expect(snapshot.recentTrialsPerSecond == nil)
        #expect(snapshot.workers.map { [$0.id, $0.host ?? "", "\($0.pid ?? 0)", "\($0.trialsReported)"] } == [["w", "node-1", "42", "7"]])
        let failure = try #require(snapshot.failures.first)
        #expect(snapshot.failures.count == 1)
        #expect(failure.axes == "lr=0.01, optimizer=sgd" && failure.seed == 2 && failure.attempts == 2)
        #expect(failure.message == "exit status 1" && failure.log == "loading <data>\nKeyError: 'x'")
        #expect(snapshot.tableHTML.hasPrefix("<table class=\"results\">") && snapshot.tableHTML.contains("accuracy"))
        #expect(snapshot.paretoSVG == nil, "no sparsity recorded, so no Pareto plot")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(snapshot.json())) as? [String: Any])
        #expect(json["done"] as? Int == 7 && json["failed"] as? Int == 1 && json["total"] as? Int == 8)
        #expect(json["eta_seconds"] as? Double == 0 && json["commit_seconds"] as? Double == 0.002)
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.first?["host"] as? String == "node-1")
        let failures = try #require(json["failures"] as? [[String: Any]])
        #expect(failures.first?["log"] as? String == "loading <data>\nKeyError: 'x'")

        let later = try DashboardSnapshot.take(
            journal: try reader(run), runDirectory: run.path, previous: snapshot, now: now.addingTimeInterval(2))
        #expect(later.recentTrialsPerSecond == 0)
    }

    @Test("a snapshot taken after the coordinator stopped counts nothing running and no ETA")
    func stoppedCoordinator() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        let live = SweepProgress(total: 8, done: 0, failed: 0, running: 3, pending: 5, workers: 2, elapsed: 1,
                                 recordedThisRun: 0, takenAt: 1000)
        try journal.setMeta(SweepProgress.metaKey, String(decoding: try JSONNodeEncoder.json(live), as: UTF8.self))
        let snapshot = try DashboardSnapshot.take(journal: try reader(run), runDirectory: run.path)
        #expect(!snapshot.coordinatorAlive && snapshot.running == 0 && snapshot.pending == 8 && snapshot.workersConnected == 0)
        #expect(snapshot.etaSeconds == nil && snapshot.commitSeconds == nil)
        #expect(snapshot.tableHTML.contains("<table"), "a table with no trial recorded still renders")
    }

    @Test("/metrics is the Prometheus text format: # HELP and # TYPE, then name{labels} value")
    func metrics() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        _ = try filledJournal(run)
        let snapshot = try DashboardSnapshot.take(journal: try reader(run), runDirectory: run.path)
        let text = DashboardMetrics().exposition(of: snapshot)
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            samples[String(parts[0])] = parts.count == 2 ? Double(parts[1]) : nil
        }
        #expect(samples["mirrorsweep_trials{state=\"done\"}"] == 7)
        #expect(samples["mirrorsweep_trials{state=\"failed\"}"] == 1)
        #expect(samples["mirrorsweep_trials{state=\"pending\"}"] == 0)
        #expect(samples["mirrorsweep_workers_connected"] == 1 && samples["mirrorsweep_workers_seen"] == 1)
        #expect(samples["mirrorsweep_result_rate"] == 2 && samples["mirrorsweep_commit_latency_seconds"] == 0.002)
        #expect(samples["mirrorsweep_coordinator_up"] == 1)
        #expect(text.contains("# TYPE mirrorsweep_trials gauge\n"))
        #expect(text.contains("# HELP mirrorsweep_result_rate "))
    }

    @Test("the cache takes one snapshot per interval however often it is asked")
    func cache() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        let cache = DashboardSnapshotCache(journal: try reader(run), runDirectory: run.path, interval: 3600)
        let first = try cache.snapshot()
        try journal.record([.done(trialID: trials[0].id, result: makeCommandResult(accuracy: 1, loss: 0), attempts: 1, worker: nil)])
        #expect(try cache.snapshot() == first)
        #expect(first.done == 0)
        let fresh = DashboardSnapshotCache(journal: try reader(run), runDirectory: run.path, interval: 3600)
        #expect(try fresh.snapshot().done == 1)
    }

    @Test("the page is self-contained: inline style and script, polling /api/status, nothing from the network")
    func page() {
        let html = DashboardPage.html
        #expect(html.contains("<style>") && html.contains("<script>") && html.contains("fetch(\"api/status\""))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
    }
}
