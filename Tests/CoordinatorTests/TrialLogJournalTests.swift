import Core
import Foundation
import GRDB
import Journaling
import Logging
import Scheduling
import Serving
import SweepSpecs
import Testing

@Suite("Journal: trial logs")
struct TrialLogJournalTests {
    @Test("a result's log and its failed attempts' logs are stored per attempt, outside the result column")
    func resultLogs() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        let earlier = [
            JournalAttemptLog(attempt: 1, failure: "exit status 1", text: "Traceback: boom 1\n"),
            JournalAttemptLog(attempt: 2, failure: "exit status 2", text: "Traceback: boom 2\n"),
        ]
        let changed = try journal.record([
            .done(trialID: trials[0].id, result: makeCommandResult(accuracy: 0.9, loss: 0.2, log: "epoch 3\nok\n"),
                  attempts: 3, worker: "w", logs: earlier),
        ])
        #expect(changed == 1)
        let logs = try journal.trialLogs(idPrefix: String(trials[0].id.prefix(6)))
        #expect(logs.trialID == trials[0].id)
        #expect(logs.state == "done" && logs.attempts == 3 && logs.error == nil && logs.isCommand)
        #expect(logs.logs == earlier + [JournalAttemptLog(attempt: 3, failure: nil, text: "epoch 3\nok\n")])
        guard case let .done(result) = try journal.records()[0].outcome else {
            Issue.record("trial 0 is not done")
            return
        }
        #expect(result.log == nil && result.metrics["accuracy"] == 0.9)
        let stored = try DatabaseQueue(path: run.journalPath).read { db in
            try String.fetchAll(db, sql: "SELECT result FROM trials WHERE result IS NOT NULL")
        }
        #expect(stored.count == 1 && !stored[0].contains("\"log\""))
    }

    @Test("a failed trial keeps the log of every attempt; a second record changes nothing")
    func failureLogs() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        let logs = (1...3).map { JournalAttemptLog(attempt: $0, failure: "exit status \($0)", text: "attempt \($0) <died>\n") }
        try journal.record([.failed(trialID: trials[5].id, message: "exit status 3", attempts: 3, worker: nil, logs: logs)])
        #expect(try journal.record([
            .failed(trialID: trials[5].id, message: "late", attempts: 4, worker: nil,
                    logs: [JournalAttemptLog(attempt: 4, failure: "late", text: "late\n")]),
        ]) == 0)
        let read = try journal.trialLogs(idPrefix: trials[5].id)
        #expect(read.state == "failed" && read.attempts == 3 && read.error == "exit status 3")
        #expect(read.logs == logs)
        #expect(try journal.failureLogs() == [trials[5].id: logs[2]])
    }

    @Test("a log over 1 MiB keeps its last MiB, cut at a whole character")
    func clippedLog() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        let text = "start\n" + String(repeating: "é", count: JournalAttemptLog.maxBytes / 2) + "end\n"
        try journal.record([.done(trialID: trials[1].id, result: makeCommandResult(accuracy: 1, loss: 0, log: text), attempts: 1, worker: nil)])
        let stored = try #require(try journal.trialLogs(idPrefix: trials[1].id).logs.first?.text)
        #expect(stored.utf8.count <= JournalAttemptLog.maxBytes && stored.utf8.count > JournalAttemptLog.maxBytes - 4)
        #expect(stored.hasSuffix("éend\n") && !stored.contains("start") && stored.first == "é")
    }

    @Test("a trial id prefix finds the one trial that has it; ambiguous and unknown prefixes are errors")
    func prefixLookup() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        #expect(try journal.trialLogs(idPrefix: "EF0105").trialID == trials[5].id)
        let pending = try journal.trialLogs(idPrefix: "abcd02")
        #expect(pending.state == "pending" && pending.attempts == 0 && pending.logs.isEmpty && pending.isCommand)
        #expect(throws: JournalError.unknownTrial(path: run.journalPath, prefix: "abcd", matches: trials.prefix(4).map(\.id))) {
            try journal.trialLogs(idPrefix: "abcd")
        }
        #expect(throws: JournalError.unknownTrial(path: run.journalPath, prefix: "1234", matches: [])) {
            try journal.trialLogs(idPrefix: "1234")
        }
        let ambiguous = JournalError.unknownTrial(path: run.journalPath, prefix: "abcd", matches: ["abcd00", "abcd01"]).description
        #expect(ambiguous.contains("'abcd' is ambiguous; it matches abcd00, abcd01; give more digits"))
        #expect(JournalError.unknownTrial(path: "j", prefix: "1234", matches: []).description
            .contains("holds no trial whose id starts with '1234'"))
    }

    @Test("a core trial has no log")
    func coreTrialHasNoLog() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "core", specText: "core", trials: makeJournalTrials(["a", "b"]))
        try journal.record([.done(trialID: "a", result: makeJournalResult(1), attempts: 1, worker: "w")])
        let logs = try journal.trialLogs(idPrefix: "a")
        #expect(logs.state == "done" && !logs.isCommand && logs.logs.isEmpty)
    }

    @Test("a schema-2 journal is read without logs, and migrates to one that stores them")
    func migratesSchema2() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let trials = makeCommandTrials()
        do {
            let journal = try run.open()
            try journal.register(spec: "cmd", specText: "cmd", trials: trials)
            try journal.record([.done(trialID: trials[0].id, result: makeCommandResult(accuracy: 1, loss: 0, log: nil), attempts: 1, worker: nil)])
            try journal.close()
        }
        // What mirrorsweep before schema 3 left: no trial_logs, schema_version 2.
        let queue = try DatabaseQueue(path: run.journalPath)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE trial_logs; DELETE FROM grdb_migrations WHERE identifier = 'v3';
                UPDATE meta SET value = '2' WHERE key = 'schema_version'
                """)
        }
        try queue.close()
        let logger = Logger(label: "trial-log-tests")
        let reader = try Journal.openForReading(runDirectory: run.path, logger: logger)
        #expect(try reader.trialLogs(idPrefix: "abcd00").logs.isEmpty)
        #expect(try reader.failureLogs().isEmpty)
        try reader.close()
        let journal = try run.open()
        #expect(try journal.meta("schema_version") == "3")
        #expect(try journal.records()[0].outcome == .done(makeCommandResult(accuracy: 1, loss: 0, log: nil)))
        try journal.record([.failed(trialID: trials[1].id, message: "killed", attempts: 1, worker: nil,
                                    logs: [JournalAttemptLog(attempt: 1, failure: "killed", text: "oom\n")])])
        #expect(try journal.trialLogs(idPrefix: "abcd01").logs.map(\.text) == ["oom\n"])
    }

    @Test("the scheduler carries the logs of failed attempts to the journal entry of the outcome")
    func schedulerCarriesLogs() throws {
        let trial = makeCommandTrials()[0]
        var scheduler = Scheduler(trials: [trial], recorded: [], configuration: SchedulerConfiguration(maxAttempts: 3))
        let worker = WorkerID("w")
        _ = scheduler.handle(.workerJoined(worker: worker, slots: 1), now: 0)
        _ = scheduler.handle(.workRequested(worker: worker, credit: 1), now: 0)
        _ = scheduler.handle(.failureArrived(worker: worker, trialID: trial.trialID, attempt: 1, message: "exit 1", log: "one\n"), now: 1)
        _ = scheduler.handle(.workRequested(worker: worker, credit: 1), now: 1)
        let result = makeCommandResult(accuracy: 0.5, loss: 1, log: "two\n")
        let directives = scheduler.handle(.resultArrived(worker: worker, trialID: trial.trialID, attempt: 2, result: result), now: 2)
        let entry = try #require(directives.compactMap(JournalEntry.init).first)
        #expect(entry == .done(trialID: trial.id, result: result, attempts: 2, worker: "w",
                               logs: [JournalAttemptLog(attempt: 1, failure: "exit 1", text: "one\n")]))

        var failing = Scheduler(trials: [trial], recorded: [], configuration: SchedulerConfiguration(maxAttempts: 2))
        _ = failing.handle(.workerJoined(worker: worker, slots: 1), now: 0)
        var last: [SchedulerDirective] = []
        for attempt in 1...2 {
            _ = failing.handle(.workRequested(worker: worker, credit: 1), now: Double(attempt))
            last = failing.handle(
                .failureArrived(worker: worker, trialID: trial.trialID, attempt: attempt, message: "exit \(attempt)", log: "log \(attempt)\n"),
                now: Double(attempt))
        }
        let failed = try #require(last.compactMap(JournalEntry.init).first)
        #expect(failed == .failed(trialID: trial.id, message: "exit 2", attempts: 2, worker: nil, logs: [
            JournalAttemptLog(attempt: 1, failure: "exit 1", text: "log 1\n"),
            JournalAttemptLog(attempt: 2, failure: "exit 2", text: "log 2\n"),
        ]))
    }
}
