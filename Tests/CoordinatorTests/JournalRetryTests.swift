import Core
import Foundation
import Journaling
import SweepSpecs
import Testing

@Suite("Journal: retrying failed trials, spec changes")
struct JournalRetryTests {
    @Test("failed trials go back to pending with their attempts and logs; the last failure is kept as a log")
    func retryKeepsHistory() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeJournalTrials(["a", "b", "c"])
        try journal.register(spec: "demo", specText: "demo", trials: trials)
        try journal.record([
            .failed(trialID: "a", message: "boom", attempts: 3, worker: nil, logs: [
                JournalAttemptLog(attempt: 1, failure: "boom", text: "first\n"),
            ]),
            .failed(trialID: "b", message: "bang", attempts: 2, worker: nil),
            .done(trialID: "c", result: makeJournalResult(1), attempts: 1, worker: "w"),
        ])
        #expect(try journal.retryFailed() == 2)
        #expect(try journal.counts() == JournalCounts(total: 3, done: 1, failed: 0, pending: 2))
        #expect(try journal.pendingTrials().map(\.id) == ["a", "b"])
        #expect(try journal.priorAttempts() == ["a": 3, "b": 2])
        let a = try journal.trialLogs(idPrefix: "a")
        #expect(a.state == "pending" && a.error == nil)
        #expect(a.logs == [
            JournalAttemptLog(attempt: 1, failure: "boom", text: "first\n"), JournalAttemptLog(attempt: 3, failure: "boom", text: ""),
        ])
        #expect(try journal.trialLogs(idPrefix: "b").logs == [JournalAttemptLog(attempt: 2, failure: "bang", text: "")])
        #expect(try journal.retryFailed() == 0, "a second retry found failed trials")

        try journal.record([.done(trialID: "a", result: makeJournalResult(2), attempts: 4, worker: "w")])
        let done = try journal.trialLogs(idPrefix: "a")
        #expect(done.state == "done" && done.attempts == 4 && done.logs.map(\.attempt) == [1, 3])
    }

    @Test("a filter retries only the failed trials whose fields match")
    func retryMatching() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let trials = makeJournalTrials(["a", "bb", "cc"])
        try journal.register(spec: "demo", specText: "demo", trials: trials)
        try journal.record(trials.map { .failed(trialID: $0.id, message: "boom", attempts: 1, worker: nil) })
        #expect(try journal.retryFailed(matching: TrialFilter([.init(field: "weight_decay", value: "0.02")])) == 2)
        #expect(try journal.retryFailed(matching: TrialFilter([.init(field: "id", value: "a"), .init(field: "steps", value: "999")])) == 0)
        #expect(try journal.retryFailed(matching: TrialFilter([.init(field: "steps", value: "100"), .init(field: "seed", value: "0")])) == 1)
        #expect(try journal.counts() == JournalCounts(total: 3, done: 0, failed: 0, pending: 3))
    }

    @Test("registering an edited spec counts the trials that left it, and those of them recorded")
    func registrationCountsChanges() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        let first = try journal.registerChanges(spec: "demo", specText: "v1", trials: makeJournalTrials(["a", "b", "c"]), gridAxes: nil)
        #expect(first == JournalRegistration(added: 3, existing: 0))
        try journal.record([.done(trialID: "a", result: makeJournalResult(1), attempts: 1, worker: "w")])
        let again = try journal.registerChanges(spec: "demo", specText: "v1", trials: makeJournalTrials(["a", "b", "c"]), gridAxes: nil)
        #expect(again == JournalRegistration(added: 0, existing: 3))
        let edited = try journal.registerChanges(spec: "demo", specText: "v2", trials: makeJournalTrials(["d", "e", "c", "f"]), gridAxes: nil)
        #expect(edited == JournalRegistration(added: 3, existing: 1, left: 2, leftRecorded: 1, specChanged: true))
    }

    @Test("filters parse FIELD=VALUE, name unknown fields, and match axes, seed and config fields")
    func filters() throws {
        #expect(TrialFilter.parse(["lr = 0.1", "seed=3"]).filter == TrialFilter([.init(field: "lr", value: "0.1"), .init(field: "seed", value: "3")]))
        #expect(TrialFilter.parse(["lr"]).malformed == "lr")
        #expect(TrialFilter.parse(["=3"]).malformed == "=3")
        let fields = TrialFilter.fields(axisNames: ["lr"], isCommand: true)
        #expect(fields == ["lr", "seed"])
        #expect(TrialFilter([.init(field: "depth", value: "2")]).unknownFields(allowed: fields) == ["depth"])
        let core = TrialFilter.fields(axisNames: ["weight_decay"], isCommand: false)
        #expect(core.prefix(2) == ["weight_decay", "seed"] && core.contains("steps") && core.filter { $0 == "weight_decay" }.count == 1)
        let trial = makeJournalTrials(["a"])[0]
        #expect(TrialFilter([.init(field: "id", value: "a"), .init(field: "steps", value: "100")]).matches(trial))
        #expect(!TrialFilter([.init(field: "seed", value: "1")]).matches(trial))
        #expect(TrialFilter().matches(trial))
    }
}
