import Core
import Scheduling
import SimulationSupport
import SweepSpecs
import Testing

/// What docs/PROTOCOL.md promises about `ack`: every copy of a result is acknowledged, and a
/// worker's `shutdown` comes after the acknowledgements of all its results.
@Suite("Scheduler acknowledgements")
struct SchedulerAcknowledgementTests {
    let a = WorkerID("a")
    let b = WorkerID("b")

    func result(_ trialID: String, attempt: Int = 1, from worker: WorkerID) -> SchedulerEvent {
        .resultArrived(worker: worker, trialID: TrialID(trialID), attempt: attempt, result: makeResult(for: trialID))
    }

    /// The directives other than log lines, as text in order (`ack a t0`, `shutdown a`, …).
    func sends(_ directives: [SchedulerDirective]) -> [String] {
        directives.compactMap {
            switch $0 {
            case let .acknowledge(worker, trialID): "ack \(worker.rawValue) \(trialID.rawValue)"
            case let .shutdown(worker, _): "shutdown \(worker.rawValue)"
            default: nil
            }
        }
    }

    @Test("the last results are acknowledged before their worker's shutdown, after the commit")
    func shutdownFollowsTheLastAcknowledgements() {
        var s = Scheduler(trials: makeTrials(3), recorded: [])
        #expect(s.join(a, slots: 3, credit: 3).assignments.count == 3)
        for trialID in ["t0", "t1", "t2"] {
            #expect(sends(s.handle(result(trialID, from: a), now: 1)).isEmpty, "nothing before the commit")
        }
        #expect(sends(s.handle(.recorded(trialIDs: [TrialID("t0"), TrialID("t1")]), now: 1)) == ["ack a t0", "ack a t1"])
        #expect(sends(s.handle(.recorded(trialIDs: [TrialID("t2")]), now: 1)) == ["ack a t2", "shutdown a"])
    }

    @Test("a result for a recorded trial is acknowledged even from a worker it was never leased to")
    func resultFromAnotherWorkerForARecordedTrial() {
        var s = Scheduler(trials: makeTrials(2), recorded: [])
        s.join(a, slots: 2, credit: 2)
        s.join(b)
        _ = s.handle(result("t0", from: a), now: 1)
        #expect(sends(s.handle(result("t0", from: b), now: 1)).isEmpty, "acknowledged only once committed")
        #expect(sends(s.handle(.recorded(trialIDs: [TrialID("t0")]), now: 1)) == ["ack a t0", "ack b t0"])
        let again = s.handle(result("t0", attempt: 7, from: b), now: 2)
        #expect(sends(again) == ["ack b t0"])
        #expect(again.persistedResults.isEmpty)
    }

    @Test("a result for a trial not recorded and never leased to its sender is ignored")
    func resultForAPendingTrialFromAStranger() {
        var s = Scheduler(trials: makeTrials(2), recorded: [])
        s.join(a, credit: 1)
        s.join(b)
        let ignored = s.handle(result("t0", from: b), now: 1)
        #expect(sends(ignored).isEmpty)
        #expect(ignored.persistedResults.isEmpty)
        #expect(s.progress.running == 1)
    }
}
