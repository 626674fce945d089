import Core
import SweepSpecs

/// The scheduler of a sweep as a pure state machine: events in, directives out.
///
/// It performs no I/O and reads no clock; the shell passes the time (monotonic seconds) with
/// every event and carries out the directives. Rules:
/// - Trials are handed out first in, first out: requeued trials first, then the rest in grid
///   order. A trial that can train with others (same ``TrialBatchKey``) brings up to
///   ``SchedulerConfiguration/maxTrialsPerBatch`` − 1 of them to the same worker, as far as its
///   credit and a fair share of the pending trials per slot allow. A worker receives at most as many trials as the credit it asked for, and never holds
///   more than ``SchedulerConfiguration/maxCreditPerWorker`` at once.
/// - A trial has at most one live lease. When its worker dies (silent for
///   ``SchedulerConfiguration/deadAfter`` seconds, checked on ``SchedulerEvent/tick``), leaves or
///   rejoins, the trial is requeued and its next assignment is the next attempt. After
///   ``SchedulerConfiguration/maxLostLeases`` lost leases it is recorded as failed. A lease its
///   live worker no longer lists in ``SchedulerEvent/holding(worker:trialIDs:)`` a dead-after
///   time after the assignment is lost too, so no trial stays "running" on a worker that does
///   not run it.
/// - A failure reported for the current lease requeues the trial, until
///   ``SchedulerConfiguration/maxAttempts`` failures record it as failed with the last message.
///   Failures from superseded leases are ignored. The logs of a trial's failed attempts are kept
///   in memory and persisted with its outcome. A trial returned to pending after failing numbers
///   its attempts on from its earlier ones.
/// - Fail fast: when ``SchedulerConfiguration/failFastAfter`` failed attempts, of at least two
///   trials, arrive before any result with the same message, every trial with a failed attempt
///   not yet recorded (pending, or running another attempt) is recorded as failed with it, nothing more is assigned and
///   ``SchedulerDirective/failFast(message:attempts:)`` tells the shell to stop.
/// - Results are deterministic, so the first result for a trial not yet persisted is accepted
///   from any lease the trial was given to the sending worker, current or superseded (a worker
///   that was stopped, declared dead and came back). Every later result for that trial, and any
///   result from a worker the trial was never leased to, changes nothing. Each trial is thus
///   persisted exactly once.
/// - Durable before acknowledged: a worker's report is acknowledged only after
///   ``SchedulerEvent/recorded(trialIDs:)`` confirms the journal commit; a report for a trial
///   already recorded is acknowledged at once, and so is a failure that only requeues. A result
///   for a recorded trial is acknowledged whichever worker sends it, leased to it or not.
/// - When nothing is pending, running or being recorded, every worker with nothing running is
///   shut down, after its acknowledgements; a worker unknown to the scheduler is told to shut
///   down once.
public struct Scheduler: Sendable {
    /// The timing and retry limits.
    public let configuration: SchedulerConfiguration

    /// Every trial, addressed by its ``TrialHandle``.
    var trials: [SchedulerTrial] = []
    /// The handle of every trial, for the ids named in events.
    var handles: [TrialID: TrialHandle] = [:]
    var freshQueue: SchedulerQueue<TrialHandle>
    var retryQueue = SchedulerQueue<TrialHandle>()
    var workers: [WorkerID: SchedulerWorker] = [:]
    var hungryWorkers = SchedulerQueue<WorkerID>()
    /// Trials that can train together (``SchedulerTrial/batchQueue``), one queue per batch key, in
    /// queue order; entries of trials no longer pending are skipped when popped.
    var batchQueues: [SchedulerQueue<TrialHandle>] = []
    /// Unknown workers already told to shut down.
    var dismissed: Set<WorkerID> = []
    var pendingCount = 0
    var runningCount = 0
    var persistingCount = 0
    var recordedCount = 0
    var announcedFinished = false
    var idleWorkersShutDown = false
    var slotCount = 0
    /// The fail-fast rule's count of the first failed attempts.
    var failFast = FailFastWatch()
    /// Whether the sweep stopped early (``SchedulerDirective/failFast(message:attempts:)``):
    /// nothing more is assigned.
    var stoppedEarly = false
    /// The logged failed attempts of trials not yet persisted, oldest first.
    var failedAttempts: [TrialHandle: [FailedAttempt]] = [:]
    var output: [SchedulerDirective] = []

    /// Creates a scheduler for `trials` (in grid order), skipping those whose id is in
    /// `recorded`; a trial listed twice is scheduled once. A trial in `priorAttempts` (a failed
    /// trial returned to pending) numbers its attempts on from there, and has
    /// ``SchedulerConfiguration/maxAttempts`` more.
    public init(
        trials specs: [TrialSpec], recorded: Set<TrialID>, priorAttempts: [TrialID: Int] = [:],
        configuration: SchedulerConfiguration = .init()
    ) {
        self.configuration = configuration
        var order: [TrialHandle] = []
        order.reserveCapacity(specs.count)
        trials.reserveCapacity(specs.count)
        handles.reserveCapacity(specs.count)
        var batchQueueOfKey: [TrialBatchKey: Int] = [:]
        for spec in specs {
            let id = spec.trialID
            guard handles[id] == nil else { continue }
            let handle = TrialHandle(index: trials.count)
            handles[id] = handle
            if recorded.contains(id) {
                trials.append(SchedulerTrial(spec: spec, phase: .recorded))
                recordedCount += 1
                continue
            }
            var batchQueue: Int?
            if configuration.maxTrialsPerBatch > 1, let config = spec.work.coreConfig, let key = TrialBatch.key(config: config, seed: spec.seed) {
                let queue = batchQueueOfKey[key] ?? batchQueues.count
                if queue == batchQueues.count {
                    batchQueueOfKey[key] = queue
                    batchQueues.append(SchedulerQueue())
                }
                batchQueues[queue].append(handle)
                batchQueue = queue
            }
            trials.append(SchedulerTrial(spec: spec, phase: .pending, batchQueue: batchQueue, priorAttempts: max(0, priorAttempts[id] ?? 0)))
            order.append(handle)
            pendingCount += 1
        }
        freshQueue = SchedulerQueue(order)
    }

    /// Applies one event at time `now` and returns what the shell must do, in order.
    public mutating func handle(_ event: SchedulerEvent, now: Double) -> [SchedulerDirective] {
        output = []
        switch event {
        case let .workerJoined(worker, slots):
            workerJoined(worker, slots: slots, now: now)
        case let .workRequested(worker, credit):
            workRequested(worker, credit: credit, now: now)
        case let .heartbeat(worker):
            if touch(worker, now: now) == nil { dismissUnknown(worker) }
        case let .holding(worker, trialIDs):
            holding(worker, trialIDs: trialIDs, now: now)
        case let .resultArrived(worker, trialID, attempt, result):
            resultArrived(Lease(attempt: attempt, worker: worker), trialID: trialID, result: result, now: now)
        case let .failureArrived(worker, trialID, attempt, message, log):
            failureArrived(Lease(attempt: attempt, worker: worker), trialID: trialID, message: message, log: log, now: now)
        case let .workerLeft(worker):
            workerLeft(worker)
        case let .recorded(trialIDs):
            recorded(trialIDs)
        case .tick:
            expireSilentWorkers(now: now)
            sendDueHeartbeats(now: now)
        }
        dispatch(now: now)
        shutDownIdleWorkersIfNoWorkRemains(event: event)
        if recordedCount == trials.count && !announcedFinished {
            announcedFinished = true
            emit(.log(level: .info, message: "all \(trials.count) trials recorded"))
            emit(.finished)
        }
        let directives = output
        output = []
        return directives
    }

    /// Whether every trial is recorded.
    public var isFinished: Bool { recordedCount == trials.count }

    /// How many trials are in each state, and how many workers are live.
    public var progress: SchedulerProgress {
        SchedulerProgress(
            total: trials.count, pending: pendingCount, running: runningCount,
            persisting: persistingCount, recorded: recordedCount, workers: workers.count, slots: slotCount)
    }

    /// The trial ids a live worker holds, in no particular order; nil for an unknown worker.
    public func trialsHeld(by worker: WorkerID) -> [TrialID]? {
        workers[worker].map { $0.running.keys.map { trials[$0.index].id } }
    }

    mutating func emit(_ directive: SchedulerDirective) {
        output.append(directive)
    }
}
