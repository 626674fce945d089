import Core
import Scheduling
import SimulationSupport
import SweepSpecs
import Testing

@Suite("Scheduler")
struct SchedulerTests {
    let a = WorkerID("a")
    let b = WorkerID("b")

    func scheduler(_ count: Int, recorded: Set<TrialID> = [], maxCredit: Int = 8) -> Scheduler {
        Scheduler(
            trials: makeTrials(count), recorded: recorded,
            configuration: SchedulerConfiguration(maxCreditPerWorker: maxCredit))
    }

    @Test("a worker gets as many trials as its credit, in grid order")
    func assignmentRespectsCredit() {
        var s = scheduler(10)
        #expect(s.handle(.workerJoined(worker: a, slots: 2), now: 0).assignments.isEmpty)
        let first = s.handle(.workRequested(worker: a, credit: 3), now: 0).assignments
        #expect(first.map(\.trialID) == ["t0", "t1", "t2"])
        #expect(first.allSatisfy { $0.worker == "a" && $0.attempt == 1 })
        #expect(s.handle(.workRequested(worker: a, credit: 2), now: 0).assignments.map(\.trialID) == ["t3", "t4"])
        #expect(s.progress.running == 5)
        #expect(s.progress.pending == 5)
        #expect(s.progress.workers == 1 && s.progress.slots == 2)
    }

    @Test("credit is capped by maxCreditPerWorker, counting running trials")
    func creditIsCapped() {
        var s = scheduler(10, maxCredit: 4)
        #expect(s.join(a, slots: 4, credit: 10).assignments.count == 4)
        #expect(s.handle(.workRequested(worker: a, credit: 1), now: 0).assignments.isEmpty)
        _ = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: makeResult(for: "t0")), now: 0)
        #expect(s.handle(.workRequested(worker: a, credit: 5), now: 0).assignments.map(\.trialID) == ["t4"])
    }

    @Test("credit left over is served when trials become pending")
    func creditWaitsForWork() {
        var s = scheduler(1)
        s.join(a, b)
        #expect(s.handle(.workRequested(worker: a, credit: 1), now: 0).assignments.map(\.trialID) == ["t0"])
        #expect(s.handle(.workRequested(worker: b, credit: 1), now: 0).assignments.isEmpty)
        let requeued = s.handle(.failureArrived(worker: a, trialID: TrialID("t0"), attempt: 1, message: "disk full"), now: 1)
        #expect(requeued.assignments.map { "\($0.worker) \($0.trialID) \($0.attempt)" } == ["b t0 2"])
    }

    @Test("result, then persist, then recorded, then acknowledge")
    func durableBeforeAcknowledged() {
        var s = scheduler(2)
        s.join(a, credit: 1)
        let result = makeResult(for: "t0")
        let arrived = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: result), now: 1)
        #expect(arrived.contains(.persistResult(trialID: TrialID("t0"), attempt: 1, result: result, worker: a)))
        #expect(arrived.acknowledgements.isEmpty)
        #expect(s.progress.persisting == 1)
        let committed = s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 1)
        #expect(committed.withoutLogs == [.acknowledge(worker: a, trialID: TrialID("t0"))])
        #expect(s.progress.recorded == 1)
    }

    @Test("a silent worker's trials are requeued with the next attempt")
    func leaseExpiry() {
        var s = scheduler(2)
        s.join(a, credit: 1)
        s.join(b, credit: 2)
        _ = s.handle(.heartbeat(worker: b), now: 4)
        #expect(s.handle(.tick, now: 4.9).forgotten.isEmpty)
        let expired = s.handle(.tick, now: 5)
        #expect(expired.forgotten == ["a"])
        #expect(expired.assignments.map { "\($0.worker) \($0.trialID) \($0.attempt)" } == ["b t0 2"])
        #expect(s.trialsHeld(by: a) == nil)
        #expect(Set(s.trialsHeld(by: b) ?? []) == [TrialID("t0"), TrialID("t1")])
    }

    @Test("maxAttempts failures record the trial as failed with the last message")
    func failuresExhaustAttempts() {
        var s = scheduler(1)
        var attempt = s.join(a, credit: 1).assignments[0].attempt
        for round in 1...2 {
            let failed = s.handle(.failureArrived(worker: a, trialID: TrialID("t0"), attempt: attempt, message: "boom \(round)"), now: 0)
            #expect(failed.acknowledgements.map(\.trialID) == ["t0"])
            #expect(!failed.contains { if case .persistFailure = $0 { true } else { false } })
            attempt = s.handle(.workRequested(worker: a, credit: 1), now: 0).assignments[0].attempt
            #expect(attempt == round + 1)
        }
        let last = s.handle(.failureArrived(worker: a, trialID: TrialID("t0"), attempt: 3, message: "boom 3"), now: 0)
        #expect(last.contains(.persistFailure(trialID: TrialID("t0"), attempts: 3, message: "boom 3")))
        #expect(last.acknowledgements.isEmpty)
        let committed = s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 0)
        #expect(committed.acknowledgements.map(\.worker) == ["a"])
        #expect(committed.containsFinished)
    }

    @Test("a duplicate result is persisted once and acknowledged after the commit")
    func duplicateResult() {
        var s = scheduler(2)
        s.join(a, credit: 1)
        let result = makeResult(for: "t0")
        #expect(s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: result), now: 0).persistedResults == ["t0"])
        let again = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: result), now: 0)
        #expect(again.persistedResults.isEmpty && again.acknowledgements.isEmpty)
        #expect(s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 0).acknowledgements.count == 1)
        let late = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: result), now: 0)
        #expect(late.withoutLogs == [.acknowledge(worker: a, trialID: TrialID("t0"))])
        #expect(s.progress.recorded == 1 && s.progress.persisting == 0)
    }

    @Test("results never leased to the sender, or for unknown trials, change nothing")
    func foreignResults() {
        var s = scheduler(2)
        s.join(a, b)
        _ = s.handle(.workRequested(worker: a, credit: 1), now: 0)
        let before = s.progress
        for event in [
            SchedulerEvent.resultArrived(worker: b, trialID: TrialID("t0"), attempt: 1, result: makeResult(for: "t0")),
            .resultArrived(worker: a, trialID: TrialID("t0"), attempt: 2, result: makeResult(for: "t0")),
            .resultArrived(worker: a, trialID: TrialID("t1"), attempt: 1, result: makeResult(for: "t1")),
            .resultArrived(worker: a, trialID: TrialID("nope"), attempt: 1, result: makeResult(for: "nope")),
            .failureArrived(worker: b, trialID: TrialID("t0"), attempt: 1, message: "x"),
        ] {
            let directives = s.handle(event, now: 0)
            #expect(directives.withoutLogs.isEmpty)
            #expect(!directives.isEmpty)
        }
        #expect(s.progress == before)
        #expect(s.trialsHeld(by: a) == [TrialID("t0")])
    }

    @Test("the first result from a superseded lease is accepted, later ones are not")
    func staleLeaseResult() {
        var s = scheduler(1)
        s.join(a, credit: 1)
        s.join(b, credit: 1, now: 4)
        let expired = s.handle(.tick, now: 5)
        #expect(expired.assignments.map { "\($0.worker) \($0.attempt)" } == ["b 2"])
        let result = makeResult(for: "t0")
        let stale = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: result), now: 6)
        #expect(stale.contains(.persistResult(trialID: TrialID("t0"), attempt: 1, result: result, worker: a)))
        #expect(stale.shutdowns == ["a"])
        let current = s.handle(.resultArrived(worker: b, trialID: TrialID("t0"), attempt: 2, result: result), now: 6)
        #expect(current.persistedResults.isEmpty)
        let committed = s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 6)
        #expect(Set(committed.acknowledgements.map(\.worker)) == ["a", "b"])
        #expect(committed.containsFinished)
    }

    @Test("a failure from a superseded lease neither requeues nor fails the trial")
    func staleFailure() {
        var s = scheduler(1)
        s.join(a, credit: 1)
        _ = s.handle(.workerLeft(worker: a), now: 1)
        #expect(s.join(b, credit: 1, now: 1).assignments.map(\.attempt) == [2])
        let stale = s.handle(.failureArrived(worker: a, trialID: TrialID("t0"), attempt: 1, message: "late"), now: 2)
        #expect(stale.acknowledgements.map(\.worker) == ["a"])
        #expect(s.progress.running == 1 && s.progress.pending == 0)
        #expect(s.trialsHeld(by: b) == [TrialID("t0")])
    }

    @Test("a leaving worker's trials go back to the queue")
    func workerLeaveReleasesTrials() {
        var s = scheduler(3)
        s.join(a, slots: 2, credit: 2)
        let left = s.handle(.workerLeft(worker: a), now: 1)
        #expect(left.forgotten == ["a"])
        #expect(s.progress.pending == 3 && s.progress.running == 0)
        #expect(s.progress.workers == 0 && s.progress.slots == 0)
        let taken = s.join(b, slots: 3, credit: 3, now: 1).assignments
        #expect(taken.map { "\($0.trialID) \($0.attempt)" } == ["t0 2", "t1 2", "t2 1"])
    }

    @Test("idle workers are shut down once nothing is pending, running or being recorded")
    func shutdownWhenNoWork() {
        var s = scheduler(1)
        s.join(a, b)
        _ = s.handle(.workRequested(worker: a, credit: 1), now: 0)
        #expect(s.handle(.workRequested(worker: b, credit: 1), now: 0).shutdowns.isEmpty)
        let arrived = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: makeResult(for: "t0")), now: 1)
        #expect(arrived.shutdowns.isEmpty)
        let done = s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 1)
        #expect(done.shutdowns == ["a", "b"])
        #expect(done.containsFinished)
        #expect(s.handle(.workerJoined(worker: WorkerID("c"), slots: 1), now: 1).shutdowns == ["c"])
        #expect(s.handle(.workRequested(worker: a, credit: 1), now: 1).withoutLogs.isEmpty)
    }

    @Test("finished comes once, exactly when the last trial is recorded")
    func finishedWhenAllRecorded() {
        var s = scheduler(2)
        s.join(a, slots: 2, credit: 2)
        for id in ["t0", "t1"] {
            #expect(!s.handle(.resultArrived(worker: a, trialID: TrialID(id), attempt: 1, result: makeResult(for: id)), now: 0).containsFinished)
        }
        #expect(!s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 0).containsFinished)
        #expect(!s.isFinished)
        #expect(s.handle(.recorded(trialIDs: [TrialID("t1")]), now: 0).containsFinished)
        #expect(s.isFinished)
        #expect(!s.handle(.tick, now: 1).containsFinished)
    }

    @Test("resuming skips recorded trials; a fully recorded sweep finishes at once")
    func resume() {
        var partial = scheduler(3, recorded: [TrialID("t0"), TrialID("t2")])
        #expect(partial.progress.recorded == 2 && partial.progress.pending == 1)
        #expect(partial.join(a, slots: 3, credit: 3).assignments.map(\.trialID) == ["t1"])
        var complete = scheduler(2, recorded: [TrialID("t0"), TrialID("t1")])
        #expect(complete.handle(.tick, now: 0).containsFinished)
    }

    @Test("heartbeats go to every live worker once per interval")
    func heartbeats() {
        var s = scheduler(1)
        _ = s.handle(.workerJoined(worker: a, slots: 1), now: 0)
        _ = s.handle(.workerJoined(worker: b, slots: 1), now: 0.5)
        func beats(_ directives: [SchedulerDirective]) -> [String] {
            directives.compactMap { if case let .sendHeartbeat(worker) = $0 { worker.rawValue } else { nil } }
        }
        #expect(beats(s.handle(.tick, now: 0.9)).isEmpty)
        #expect(beats(s.handle(.tick, now: 1.0)) == ["a"])
        #expect(beats(s.handle(.tick, now: 1.5)) == ["b"])
        #expect(beats(s.handle(.tick, now: 2.0)) == ["a"])
    }

    @Test("an unknown worker is told to shut down once")
    func unknownWorker() {
        var s = scheduler(1)
        let stranger = WorkerID("stranger")
        #expect(s.handle(.workRequested(worker: stranger, credit: 1), now: 0).shutdowns == ["stranger"])
        #expect(s.handle(.heartbeat(worker: stranger), now: 0).withoutLogs.isEmpty)
        #expect(s.progress.pending == 1)
    }

    @Test("a trial whose leases keep dying is recorded as failed")
    func lostLeasesExhaust() {
        var s = Scheduler(
            trials: makeTrials(1), recorded: [],
            configuration: SchedulerConfiguration(maxLostLeases: 2))
        s.join(a, credit: 1)
        #expect(s.join(a, credit: 1, now: 1).assignments.map(\.attempt) == [2])
        let dead = s.handle(.tick, now: 6)
        let failure = dead.compactMap { if case let .persistFailure(id, attempts, _, _) = $0 { "\(id) \(attempts)" } else { nil } }
        #expect(failure == ["t0 2"])
    }
}
