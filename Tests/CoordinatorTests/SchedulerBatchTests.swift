import Core
import Scheduling
import SimulationSupport
import Testing

/// Trials that share their data go to one worker together, as far as credit and fairness allow.
@Suite("Scheduler batches")
struct SchedulerBatchTests {
    let a = WorkerID("a")
    let b = WorkerID("b")

    @Test("a worker with credit gets the trials that share the first one's data, then the rest in grid order")
    func matesFollowTheFirstTrial() {
        let seeds: [UInt64] = [1, 2, 1, 2, 1, 2, 1, 2]
        var s = Scheduler(trials: makeBatchableTrials(dataSeeds: seeds), recorded: [], configuration: SchedulerConfiguration())
        let given = s.join(a, credit: 6).assignments.map(\.trialID)
        #expect(given == ["t0", "t2", "t4", "t6", "t1", "t3"])
    }

    @Test("a batch is capped by maxTrialsPerBatch")
    func batchCap() {
        var s = Scheduler(
            trials: makeBatchableTrials(dataSeeds: Array(repeating: 7, count: 10) + [8]), recorded: [],
            configuration: SchedulerConfiguration(maxTrialsPerBatch: 3))
        let given = s.join(a, credit: 5).assignments.map(\.trialID)
        #expect(given == ["t0", "t1", "t2", "t3", "t4"])
    }

    @Test("batches are a fair share of the pending trials per slot, so no worker waits while another holds them all")
    func fairShare() {
        var s = Scheduler(trials: makeBatchableTrials(dataSeeds: Array(repeating: 3, count: 8)), recorded: [], configuration: SchedulerConfiguration())
        s.join(a, b)
        #expect(s.handle(.workRequested(worker: a, credit: 16), now: 0).assignments.count == 4)
        #expect(s.handle(.workRequested(worker: b, credit: 16), now: 0).assignments.map(\.trialID) == ["t4", "t5", "t6", "t7"])
    }

    @Test("a requeued trial leads the next batch of its data")
    func requeuedTrialJoinsABatch() {
        var s = Scheduler(
            trials: makeBatchableTrials(dataSeeds: Array(repeating: 5, count: 6)), recorded: [],
            configuration: SchedulerConfiguration(maxTrialsPerBatch: 2))
        #expect(s.join(a, credit: 2).assignments.map(\.trialID) == ["t0", "t1"])
        _ = s.handle(.workerLeft(worker: a), now: 1)
        let given = s.join(b, credit: 2, now: 1).assignments.map { "\($0.trialID) \($0.attempt)" }
        #expect(given == ["t0 2", "t2 1"])
    }

    @Test("trials that cannot train together are handed out one by one in grid order")
    func noopTrialsAreNotBatched() {
        var s = Scheduler(trials: makeTrials(6), recorded: [], configuration: SchedulerConfiguration())
        #expect(s.join(a, credit: 3).assignments.map(\.trialID) == ["t0", "t1", "t2"])
    }
}
