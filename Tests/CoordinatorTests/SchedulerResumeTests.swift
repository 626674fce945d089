import Core
import Journaling
import Scheduling
import SweepSpecs
import Testing

@Suite("Scheduler resume from the journal")
struct SchedulerResumeTests {
    @Test("after a crash, recorded trials are skipped and trials in flight are pending again")
    func resumeAfterCrash() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let trials = makeJournalTrials(["a", "b", "c", "d", "e"])
        let worker = WorkerID("w")
        do {
            let journal = try run.open()
            try journal.register(spec: "demo", specText: "", trials: trials)
            var scheduler = Scheduler(trials: try journal.pendingTrials(), recorded: Set(try journal.recordedIDs().map(TrialID.init)))
            #expect(scheduler.join(worker, slots: 3, credit: 3).assignments.map(\.trialID) == ["a", "b", "c"])
            var directives: [SchedulerDirective] = []
            for id in ["a", "c"] {
                directives += scheduler.handle(
                    .resultArrived(worker: worker, trialID: TrialID(id), attempt: 1, result: makeJournalResult(1)), now: 1)
            }
            let entries = directives.compactMap(JournalEntry.init)
            #expect(entries.map(\.trialID) == ["a", "c"])
            try journal.record(entries)
            let acknowledged = scheduler.handle(.recorded(trialIDs: entries.map { TrialID($0.trialID) }), now: 1).acknowledgements
            #expect(acknowledged.map(\.trialID) == ["a", "c"])
        }
        let journal = try run.open()
        var resumed = Scheduler(trials: try journal.pendingTrials(), recorded: Set(try journal.recordedIDs().map(TrialID.init)))
        #expect(resumed.progress.total == 3 && resumed.progress.pending == 3)
        let assigned = resumed.join(worker, slots: 5, credit: 5).assignments
        #expect(assigned.map(\.trialID) == ["b", "d", "e"])
        #expect(assigned.allSatisfy { $0.attempt == 1 })
    }
}
