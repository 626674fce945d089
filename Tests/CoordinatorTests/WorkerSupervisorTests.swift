import Launchers
import Testing

@Suite("Worker supervisor")
struct WorkerSupervisorTests {
    func starts(_ directives: [WorkerSupervisorDirective]) -> [Int] {
        directives.compactMap { if case let .start(slot, _) = $0 { slot } else { nil } }
    }

    /// A supervisor of `count` slots whose first tick at time 0 started every slot.
    func running(_ count: Int, policy: RestartPolicy = .init()) -> WorkerSupervisor {
        var supervisor = WorkerSupervisor(slots: count, policy: policy)
        for slot in starts(supervisor.handle(.tick(at: 0, trialsRemain: true))) {
            _ = supervisor.handle(.started(slot: slot, at: 0))
        }
        return supervisor
    }

    @Test("the first tick with trials starts every slot, as first starts")
    func firstTickStartsAll() {
        var supervisor = WorkerSupervisor(slots: 3)
        #expect(supervisor.handle(.tick(at: 0, trialsRemain: false)).isEmpty)
        let directives = supervisor.handle(.tick(at: 0, trialsRemain: true))
        #expect(directives == [.start(slot: 0, replacing: false), .start(slot: 1, replacing: false), .start(slot: 2, replacing: false)])
        #expect(supervisor.liveCount == 3)
        #expect(supervisor.handle(.tick(at: 1, trialsRemain: true)).isEmpty)
    }

    @Test("a worker that ends while trials remain is replaced after the back-off, not before")
    func replacedAfterBackoff() {
        var supervisor = running(2)
        _ = supervisor.handle(.ended(slot: 1, at: 100, reason: "killed by signal 9"))
        #expect(supervisor.liveCount == 1)
        #expect(supervisor.handle(.tick(at: 100.5, trialsRemain: true)).isEmpty)
        #expect(supervisor.handle(.tick(at: 101, trialsRemain: true)) == [.start(slot: 1, replacing: true)])
        #expect(supervisor.restarts == 1)
    }

    @Test("quick failures double the back-off up to its maximum, then give the slot up naming the last one")
    func quickFailuresBackOffThenGiveUp() {
        let policy = RestartPolicy(initialBackoff: 1, maxBackoff: 4, quickExit: 10, quickFailureLimit: 5)
        var supervisor = running(1, policy: policy)
        var now = 0.0
        var waits: [Double] = []
        for failure in 1...5 {
            now += 1
            let directives = supervisor.handle(.ended(slot: 0, at: now, reason: "exit status \(failure)"))
            if failure == 5 {
                #expect(directives.count == 1)
                guard case let .giveUp(slot, reason) = directives.first else {
                    Issue.record("expected giveUp, got \(directives)")
                    return
                }
                #expect(slot == 0)
                #expect(reason.contains("5 workers in a row ended within 10 s of starting"))
                #expect(reason.contains("exit status 5"))
                break
            }
            let endedAt = now
            while starts(supervisor.handle(.tick(at: now, trialsRemain: true))).isEmpty { now += 0.25 }
            waits.append(now - endedAt)
            _ = supervisor.handle(.started(slot: 0, at: now))
        }
        #expect(waits == [1, 2, 4, 4])
        #expect(supervisor.isExhausted)
        #expect(supervisor.handle(.tick(at: now + 100, trialsRemain: true)).isEmpty)
    }

    @Test("a worker that ran longer than the quick-exit time resets the count of quick failures")
    func longRunResetsCount() {
        let policy = RestartPolicy(quickExit: 10, quickFailureLimit: 2)
        var supervisor = running(1, policy: policy)
        _ = supervisor.handle(.ended(slot: 0, at: 1, reason: "quick"))
        _ = supervisor.handle(.tick(at: 2, trialsRemain: true))
        _ = supervisor.handle(.started(slot: 0, at: 2))
        #expect(supervisor.handle(.ended(slot: 0, at: 60, reason: "OOM-killed")).isEmpty)
        #expect(supervisor.handle(.tick(at: 61, trialsRemain: true)) == [.start(slot: 0, replacing: true)])
        _ = supervisor.handle(.started(slot: 0, at: 61))
        #expect(supervisor.handle(.ended(slot: 0, at: 62, reason: "quick again")).isEmpty)
        #expect(!supervisor.isExhausted)
    }

    @Test("a failed start counts as a quick failure")
    func failedStartIsQuickFailure() {
        var supervisor = WorkerSupervisor(slots: 1, policy: RestartPolicy(quickFailureLimit: 2))
        _ = supervisor.handle(.tick(at: 0, trialsRemain: true))
        #expect(supervisor.handle(.startFailed(slot: 0, at: 0, reason: "sbatch: invalid partition")).isEmpty)
        _ = supervisor.handle(.tick(at: 1, trialsRemain: true))
        let directives = supervisor.handle(.startFailed(slot: 0, at: 1, reason: "sbatch: invalid partition"))
        guard case let .giveUp(_, reason) = directives.first else {
            Issue.record("expected giveUp, got \(directives)")
            return
        }
        #expect(reason.contains("could not start: sbatch: invalid partition"))
    }

    @Test("workers that end when no trials remain are not replaced, until trials remain again")
    func noReplacementWithoutTrials() {
        var supervisor = running(2)
        _ = supervisor.handle(.tick(at: 5, trialsRemain: false))
        _ = supervisor.handle(.ended(slot: 0, at: 5, reason: "exit status 0"))
        _ = supervisor.handle(.ended(slot: 1, at: 5, reason: "exit status 0"))
        #expect(supervisor.handle(.tick(at: 100, trialsRemain: false)).isEmpty)
        #expect(supervisor.slots == [.idle, .idle])
        #expect(starts(supervisor.handle(.tick(at: 101, trialsRemain: true))) == [0, 1])
    }

    @Test("the restart budget counts replacements over all slots; once spent, an ended worker's slot is given up")
    func budget() {
        var supervisor = running(2, policy: RestartPolicy(quickExit: 0, restartBudget: 1))
        _ = supervisor.handle(.ended(slot: 0, at: 10, reason: "TIMEOUT"))
        #expect(supervisor.handle(.tick(at: 11, trialsRemain: true)) == [.start(slot: 0, replacing: true)])
        _ = supervisor.handle(.started(slot: 0, at: 11))
        _ = supervisor.handle(.ended(slot: 1, at: 20, reason: "PREEMPTED"))
        let directives = supervisor.handle(.tick(at: 21, trialsRemain: true))
        guard case let .giveUp(slot, reason) = directives.first else {
            Issue.record("expected giveUp, got \(directives)")
            return
        }
        #expect(slot == 1)
        #expect(reason.contains("budget of 1 replacements is spent") && reason.contains("PREEMPTED"))
        #expect(supervisor.restarts == 1)
        #expect(supervisor.givenUp.map(\.slot) == [1])
        #expect(!supervisor.isExhausted)
    }

    @Test("events for slots not in the reported state change nothing")
    func staleEvents() {
        var supervisor = running(1)
        #expect(supervisor.handle(.started(slot: 0, at: 1)).isEmpty)
        #expect(supervisor.handle(.ended(slot: 7, at: 1, reason: "?")).isEmpty)
        #expect(supervisor.slots == [.running(since: 0)])
    }

    @Test("a worker killed from outside is replaced after the initial back-off and never counts as a quick failure")
    func killedIsNotQuick() {
        var supervisor = running(1, policy: RestartPolicy(initialBackoff: 1, quickExit: 10, quickFailureLimit: 2))
        var now = 0.0
        for _ in 0..<5 {
            now += 0.5
            #expect(supervisor.handle(.killed(slot: 0, at: now, reason: "killed by signal 9")).isEmpty)
            #expect(supervisor.handle(.tick(at: now + 0.9, trialsRemain: true)).isEmpty)
            now += 1
            #expect(supervisor.handle(.tick(at: now, trialsRemain: true)) == [.start(slot: 0, replacing: true)])
            _ = supervisor.handle(.started(slot: 0, at: now))
        }
        #expect(!supervisor.isExhausted && supervisor.restarts == 5)
    }
}
