import Core
import Scheduling
import SimulationSupport
import SweepSpecs
import Testing

/// Trials are named by ``TrialID`` where they enter the scheduler: in its trial list and in events.
@Suite("Scheduler trial lookup")
struct SchedulerTrialLookupTests {
    let a = WorkerID("a")

    @Test("a trial listed twice is scheduled once, and recorded once")
    func duplicateTrials() {
        let trials = makeTrials(3)
        var s = Scheduler(trials: trials + trials, recorded: [TrialID("t1")], configuration: SchedulerConfiguration())
        #expect(s.progress.total == 3 && s.progress.recorded == 1 && s.progress.pending == 2)
        _ = s.handle(.workerJoined(worker: a, slots: 4), now: 0)
        #expect(s.handle(.workRequested(worker: a, credit: 4), now: 0).assignments.map(\.trialID) == ["t0", "t2"])
    }

    @Test("the journal reporting an unknown trial, or one not being persisted, changes nothing")
    func unexpectedCommit() {
        var s = Scheduler(trials: makeTrials(2), recorded: [], configuration: SchedulerConfiguration())
        _ = s.handle(.workerJoined(worker: a, slots: 1), now: 0)
        _ = s.handle(.workRequested(worker: a, credit: 1), now: 0)
        let before = s.progress
        let directives = s.handle(.recorded(trialIDs: [TrialID("t0"), TrialID("t1"), TrialID("nope")]), now: 0)
        #expect(directives.withoutLogs.isEmpty)
        #expect(directives.count == 3)
        #expect(s.progress == before)
        #expect(s.trialsHeld(by: a) == [TrialID("t0")])
    }
}
