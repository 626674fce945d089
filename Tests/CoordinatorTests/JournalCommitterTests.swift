import Core
import Foundation
@testable import Journaling
import Logging
@testable import Serving
import Testing
@testable import ZeroMQ

@Suite("Journal commits on their own thread")
struct JournalCommitterTests {
    @Test("submitted batches are committed in order, the wake-up socket turns readable, drain returns them")
    func commitsInOrder() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "demo", specText: "demo", trials: makeJournalTrials(["a", "b", "c"]))
        let context = try ZMQContext()
        let committer = try JournalCommitter(journal: journal, context: context, logger: Logger(label: "test"))
        defer { committer.close() }
        let poller = ZMQPoller(sockets: [committer.wakeup])

        committer.submit([.done(trialID: "b", result: makeJournalResult(2), attempts: 1, worker: "w1")])
        #expect(try poller.poll(timeoutMilliseconds: 10_000) == [0], "no wake-up after a commit")
        committer.submit([
            .failed(trialID: "a", message: "boom", attempts: 3, worker: "w2"),
            .done(trialID: "c", result: makeJournalResult(3), attempts: 2, worker: "w1"),
        ])
        let committed = try committer.takeCommitted() + committer.drain()
        #expect(committed.map(\.trialID) == ["b", "a", "c"])
        #expect(try committer.takeCommitted().isEmpty)

        let outcomes = try journal.records().map(\.outcome)
        #expect(outcomes == [
            .failed(message: "boom", attempts: 3), .done(makeJournalResult(2)), .done(makeJournalResult(3)),
        ])
    }

    @Test("non-finite metrics are stored as strings and read back as the same doubles")
    func nonFiniteMetrics() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "demo", specText: "demo", trials: makeJournalTrials(["a"]))
        let result = TrialResult(
            status: .diverged, steps: 3, wallSeconds: 0.1, x: [1], metrics: ["train_loss": .nan, "l1": .infinity, "l2": -.infinity],
            curves: [])
        try journal.record([.done(trialID: "a", result: result, attempts: 1, worker: "w")])
        guard case let .done(read)? = try journal.records().first?.outcome else {
            Issue.record("trial a is not done")
            return
        }
        #expect(read.metrics["train_loss"]?.isNaN == true)
        #expect(read.metrics["l1"] == .infinity)
        #expect(read.metrics["l2"] == -.infinity)
    }

    @Test("notes are written after the next commit and before the thread stops; the latest meta note of a key wins")
    func notes() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "demo", specText: "demo", trials: makeJournalTrials(["a"]))
        let context = try ZMQContext()
        let committer = try JournalCommitter(journal: journal, context: context, logger: Logger(label: "test"))
        committer.note(.worker(id: "w1", host: "node1", pid: 42, at: Date()))
        committer.note(.meta(key: "live_progress", value: "first"))
        committer.note(.meta(key: "live_progress", value: "second"))
        committer.submit([.done(trialID: "a", result: makeJournalResult(1), attempts: 1, worker: "w1")])
        #expect(try committer.drain().map(\.trialID) == ["a"])
        committer.note(.meta(key: "last", value: "written at close"))
        committer.close()
        #expect(try journal.workerCount() == 1)
        #expect(try journal.meta("live_progress") == "second")
        #expect(try journal.meta("last") == "written at close")
    }
}
