import Core
import Foundation
import Journaling
import Scheduling
import SweepSpecs
import Testing

@Suite("Journal")
struct JournalTests {
    @Test("registering adds pending trials; registering again adds nothing")
    func registerIsIdempotent() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeJournalTrials(["a", "b", "big", "c"])
        let first = try journal.register(spec: "demo", specText: "name: demo", trials: trials)
        #expect(first.added == 4 && first.existing == 0)
        let second = try journal.register(spec: "demo", specText: "name: demo", trials: trials)
        #expect(second.added == 0 && second.existing == 4)
        #expect(try journal.pendingTrials() == trials)
        #expect(try journal.counts() == JournalCounts(total: 4, done: 0, failed: 0, pending: 4))
        let sweep = try #require(try journal.sweep())
        #expect(sweep.name == "demo" && sweep.specText == "name: demo")
    }

    @Test("a changed spec adds new points, keeps recorded ones and drops absent ones")
    func changedSpec() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "v1", specText: "v1", trials: makeJournalTrials(["a", "b", "c"]))
        try journal.record([.done(trialID: "b", result: makeJournalResult(1), attempts: 1, worker: "w1")])
        let changed = makeJournalTrials(["d", "b", "c", "e"])
        let counts = try journal.register(spec: "v2", specText: "v2", trials: changed)
        #expect(counts.added == 2 && counts.existing == 2)
        let records = try journal.records()
        #expect(records.map(\.spec.id) == ["d", "b", "c", "e"])
        #expect(records.map(\.spec.index) == [0, 1, 2, 3])
        #expect(records[1].spec.axes == changed[1].axes)
        #expect(records[1].outcome == .done(makeJournalResult(1)))
        #expect(try journal.pendingTrials().map(\.id) == ["d", "c", "e"])
        #expect(try journal.counts() == JournalCounts(total: 4, done: 1, failed: 0, pending: 3))
        #expect(try journal.sweep()?.name == "v2")
    }

    @Test("a recorded batch survives reopening")
    func recordThenReopen() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let trials = makeJournalTrials(["a", "b", "c"])
        do {
            let journal = try run.open()
            try journal.register(spec: "demo", specText: "", trials: trials)
            let changed = try journal.record([
                .done(trialID: "a", result: makeJournalResult(3), attempts: 2, worker: "w1"),
                .failed(trialID: "c", message: "out of memory", attempts: 3, worker: nil),
            ])
            #expect(changed == 2)
            try journal.close()
        }
        let reopened = try run.open()
        #expect(try reopened.recordedIDs() == ["a", "c"])
        #expect(try reopened.pendingTrials().map(\.id) == ["b"])
        let outcomes = try reopened.records().map(\.outcome)
        #expect(outcomes == [.done(makeJournalResult(3)), nil, .failed(message: "out of memory", attempts: 3)])
        #expect(try reopened.counts() == JournalCounts(total: 3, done: 1, failed: 1, pending: 1))
    }

    @Test("recording a trial twice keeps the first outcome")
    func recordingIsIdempotent() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "demo", specText: "", trials: makeJournalTrials(["a"]))
        #expect(try journal.record([.done(trialID: "a", result: makeJournalResult(1), attempts: 1, worker: "w1")]) == 1)
        let again = try journal.record([
            .done(trialID: "a", result: makeJournalResult(2), attempts: 2, worker: "w2"),
            .failed(trialID: "a", message: "late", attempts: 3, worker: nil),
            .done(trialID: "unknown", result: makeJournalResult(2), attempts: 1, worker: nil),
        ])
        #expect(again == 0)
        #expect(try journal.records().map(\.outcome) == [.done(makeJournalResult(1))])
    }

    @Test("scheduler persist directives become journal entries")
    func entriesFromDirectives() {
        let result = makeJournalResult(1)
        let done = JournalEntry(.persistResult(trialID: TrialID("a"), attempt: 2, result: result, worker: WorkerID("w")))
        #expect(done == .done(trialID: "a", result: result, attempts: 2, worker: "w"))
        let failed = JournalEntry(.persistFailure(trialID: TrialID("b"), attempts: 3, message: "boom"))
        #expect(failed?.trialID == "b")
        #expect(JournalEntry(.finished) == nil)
    }

    @Test("workers and meta entries are kept")
    func workersAndMeta() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.noteWorker(id: "w1", host: "node1", pid: 42, at: Date(timeIntervalSince1970: 10))
        try journal.noteWorker(id: "w1", host: "node1", pid: 42, at: Date(timeIntervalSince1970: 20))
        try journal.setMeta("launcher", "local")
        #expect(try journal.meta("launcher") == "local")
        #expect(try journal.meta("schema_version") == String(Journal.supportedSchemaVersion))
        #expect(try journal.meta("tool_version") == "test")
        #expect(try journal.meta("absent") == nil)
    }

    @Test("commits use WAL and synchronous FULL")
    func durability() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let settings = try run.open().durability()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)
    }
}
