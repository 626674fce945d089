import Core
import Scheduling
import SimulationSupport
import SweepSpecs
import Testing

/// A worker's `holding` list: leases it no longer holds are requeued, so no trial stays "running"
/// on a live worker that does not run it.
@Suite("Scheduler holding lists")
struct SchedulerHoldingTests {
    let a = WorkerID("a")
    let b = WorkerID("b")

    /// Two workers; `a` holds t0 and t1 (assigned at time 0), `b` holds t2.
    func twoWorkers() -> Scheduler {
        var s = Scheduler(trials: makeTrials(4), recorded: [], configuration: SchedulerConfiguration(maxCreditPerWorker: 8))
        s.join(a, slots: 2, credit: 2)
        s.join(b, credit: 1)
        return s
    }

    @Test("a lease missing from the list a dead-after time after its assignment is handed out again, with the credit back")
    func lostAssignmentIsRequeued() {
        var s = twoWorkers()
        let directives = s.handle(.holding(worker: a, trialIDs: [TrialID("t1")]), now: 5)
        #expect(directives.assignments.map { "\($0.worker) \($0.trialID) \($0.attempt)" } == ["a t0 2"])
        #expect(Set(s.trialsHeld(by: a) ?? []) == [TrialID("t0"), TrialID("t1")])
        #expect(s.progress.running == 3 && s.progress.pending == 1)
    }

    @Test("a recent assignment missing from the list may still be on its way and is kept")
    func recentAssignmentIsKept() {
        var s = twoWorkers()
        #expect(s.handle(.holding(worker: a, trialIDs: []), now: 4.9).assignments.isEmpty)
        #expect(Set(s.trialsHeld(by: a) ?? []) == [TrialID("t0"), TrialID("t1")])
    }

    @Test("listed leases stay, and the list counts as a sign of life")
    func listedLeasesStay() {
        var s = twoWorkers()
        #expect(s.handle(.holding(worker: a, trialIDs: [TrialID("t0"), TrialID("t1"), TrialID("t9")]), now: 4.5).withoutLogs.isEmpty)
        _ = s.handle(.holding(worker: b, trialIDs: [TrialID("t2")]), now: 4.5)
        #expect(s.handle(.tick, now: 9).forgotten.isEmpty)
        #expect(Set(s.trialsHeld(by: a) ?? []) == [TrialID("t0"), TrialID("t1")])
    }

    @Test("a late result of a requeued lease is still recorded once")
    func lateResultAfterRequeue() {
        var s = twoWorkers()
        _ = s.handle(.holding(worker: b, trialIDs: []), now: 6)
        _ = s.handle(.workRequested(worker: a, credit: 1), now: 6)
        let late = s.handle(.resultArrived(worker: b, trialID: TrialID("t2"), attempt: 1, result: makeResult(for: "t2")), now: 7)
        #expect(late.persistedResults == ["t2"])
        let again = s.handle(.resultArrived(worker: a, trialID: TrialID("t2"), attempt: 2, result: makeResult(for: "t2")), now: 8)
        #expect(again.persistedResults.isEmpty)
    }

    @Test("a list from an unknown worker tells it to shut down")
    func unknownWorker() {
        var s = twoWorkers()
        #expect(s.handle(.holding(worker: WorkerID("stranger"), trialIDs: [TrialID("t0")]), now: 1).shutdowns == ["stranger"])
        #expect(Set(s.trialsHeld(by: a) ?? []) == [TrialID("t0"), TrialID("t1")])
    }
}
