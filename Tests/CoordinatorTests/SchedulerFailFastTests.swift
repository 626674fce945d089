import Core
import Scheduling
import SimulationSupport
import SweepSpecs
import Testing

@Suite("Scheduler: fail fast and attempts of retried trials")
struct SchedulerFailFastTests {
    let a = WorkerID("a")

    func scheduler(_ count: Int, failFastAfter: Int? = 3, maxAttempts: Int = 3, prior: [TrialID: Int] = [:]) -> Scheduler {
        Scheduler(
            trials: makeTrials(count), recorded: [], priorAttempts: prior,
            configuration: SchedulerConfiguration(maxAttempts: maxAttempts, failFastAfter: failFastAfter))
    }

    func fail(_ s: inout Scheduler, _ trial: String, attempt: Int, _ message: String = "no such file: data.npy") -> [SchedulerDirective] {
        s.handle(.failureArrived(worker: a, trialID: TrialID(trial), attempt: attempt, message: message), now: 0)
    }

    /// The failures the directives send to the journal, as "id attempts message".
    func persistedFailures(_ directives: [SchedulerDirective]) -> [String] {
        directives.compactMap {
            if case let .persistFailure(id, attempts, message, _) = $0 { return "\(id) \(attempts) \(message)" }
            return nil
        }
    }

    @Test("the first failed attempts of two trials with one message stop the sweep and record their trials as failed")
    func identicalFirstFailuresStopTheSweep() {
        var s = scheduler(4)
        #expect(s.join(a, credit: 2).assignments.map(\.trialID) == ["t0", "t1"])
        #expect(!fail(&s, "t0", attempt: 1).contains { if case .failFast = $0 { true } else { false } })
        _ = fail(&s, "t1", attempt: 1)
        #expect(s.handle(.workRequested(worker: a, credit: 1), now: 0).assignments.map(\.trialID) == ["t0"])
        let third = fail(&s, "t0", attempt: 2)
        #expect(third.contains(.failFast(message: "no such file: data.npy", attempts: 3)))
        #expect(persistedFailures(third) == ["t0 2 no such file: data.npy", "t1 1 no such file: data.npy"])
        #expect(s.handle(.workRequested(worker: a, credit: 4), now: 0).assignments.isEmpty, "trials were assigned after failing fast")
        #expect(s.progress.pending == 2 && s.progress.persisting == 2 && s.progress.running == 0)
        let committed = s.handle(.recorded(trialIDs: [TrialID("t0"), TrialID("t1")]), now: 0)
        #expect(committed.acknowledgements.map(\.trialID) == ["t0"])
        #expect(!committed.containsFinished)
    }

    @Test("failing fast records a trial running its next attempt as failed too")
    func failFastRecordsRunningTrials() {
        var s = scheduler(3)
        s.join(a, credit: 2)
        _ = fail(&s, "t0", attempt: 1)
        _ = fail(&s, "t1", attempt: 1)
        #expect(s.handle(.workRequested(worker: a, credit: 2), now: 0).assignments.map(\.trialID) == ["t0", "t1"])
        let third = fail(&s, "t0", attempt: 2)
        #expect(persistedFailures(third) == ["t0 2 no such file: data.npy", "t1 2 no such file: data.npy"])
        #expect(s.progress.running == 0 && s.progress.pending == 1 && s.progress.persisting == 2)
        _ = s.handle(.recorded(trialIDs: [TrialID("t0"), TrialID("t1")]), now: 0)
        let late = s.handle(.failureArrived(worker: a, trialID: TrialID("t1"), attempt: 2, message: "no such file: data.npy"), now: 0)
        #expect(late.acknowledgements.map(\.trialID) == ["t1"], "the running attempt's late report was not acknowledged")
    }

    @Test("a result before the failures turns fail fast off")
    func resultFirstKeepsGoing() {
        var s = scheduler(5)
        s.join(a, credit: 5)
        _ = s.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 1, result: makeResult(for: "t0")), now: 0)
        var all: [SchedulerDirective] = []
        for trial in ["t1", "t2", "t3", "t4"] { all += fail(&s, trial, attempt: 1) }
        #expect(!all.contains { if case .failFast = $0 { true } else { false } })
        #expect(s.progress.pending == 4)
    }

    @Test("failures with different messages, one trial failing alone, or fail fast off never stop the sweep")
    func otherFailuresKeepGoing() {
        var different = scheduler(3)
        different.join(a, credit: 3)
        let mixed = fail(&different, "t0", attempt: 1, "a") + fail(&different, "t1", attempt: 1, "b") + fail(&different, "t2", attempt: 1, "a")
        #expect(!mixed.contains { if case .failFast = $0 { true } else { false } })

        var alone = scheduler(2, maxAttempts: 5)
        var directives: [SchedulerDirective] = []
        alone.join(a, credit: 1)
        for attempt in 1...5 {
            directives += fail(&alone, "t0", attempt: attempt)
            directives += alone.handle(.workRequested(worker: a, credit: 1), now: 0)
        }
        #expect(!directives.contains { if case .failFast = $0 { true } else { false } })
        #expect(persistedFailures(directives) == ["t0 5 no such file: data.npy"])

        var off = scheduler(3, failFastAfter: nil)
        off.join(a, credit: 3)
        let same = fail(&off, "t0", attempt: 1) + fail(&off, "t1", attempt: 1) + fail(&off, "t2", attempt: 1)
        #expect(!same.contains { if case .failFast = $0 { true } else { false } })
    }

    @Test("a trial with earlier attempts numbers on and gets maxAttempts more")
    func priorAttemptsNumberOn() {
        var s = scheduler(1, failFastAfter: nil, prior: [TrialID("t0"): 3])
        #expect(s.join(a, credit: 1).assignments.map(\.attempt) == [4])
        var directives = fail(&s, "t0", attempt: 4) + s.handle(.workRequested(worker: a, credit: 1), now: 0)
        directives += fail(&s, "t0", attempt: 5) + s.handle(.workRequested(worker: a, credit: 1), now: 0)
        #expect(directives.assignments.map(\.attempt) == [5, 6])
        #expect(persistedFailures(fail(&s, "t0", attempt: 6)) == ["t0 6 no such file: data.npy"])

        var retried = scheduler(1, prior: [TrialID("t0"): 3])
        retried.join(a, credit: 1)
        let stale = retried.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 3, result: makeResult(for: "t0")), now: 0)
        #expect(stale.persistedResults.isEmpty, "a result of an attempt this scheduler never leased was accepted")
        let result = makeResult(for: "t0")
        let accepted = retried.handle(.resultArrived(worker: a, trialID: TrialID("t0"), attempt: 4, result: result), now: 0)
        #expect(accepted.contains(.persistResult(trialID: TrialID("t0"), attempt: 4, result: result, worker: a)))
    }
}
