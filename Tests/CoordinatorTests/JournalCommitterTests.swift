@testable import Coordinator
import Core
import Foundation
import Protocol
import Testing

@Suite("Journal commits on their own thread")
struct JournalCommitterTests {
    @Test("submitted batches are committed in order, the wake-up socket turns readable, drain returns them")
    func commitsInOrder() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try run.open()
        try journal.register(spec: "demo", specText: "demo", trials: makeJournalTrials(["a", "b", "c"]))
        let context = try ZMQContext()
        let committer = try JournalCommitter(journal: journal, context: context)
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
}
