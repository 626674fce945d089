import Core
import SweepSpecs

extension Scheduler {
    mutating func resultArrived(_ lease: Lease, trialID: TrialID, result: TrialResult, now: Double) {
        let worker = lease.worker
        let isKnown = touch(worker, now: now) != nil
        defer { if !isKnown { dismissUnknown(worker) } }
        guard let trial = handles[trialID], trials[trial.index].wasLeased(lease) else {
            if let trial = handles[trialID], acknowledgeIfRecorded(trial, by: worker) {
                emit(.log(level: .debug, message: "result for recorded trial \(trialID) from worker \(worker), which it was never leased to"))
            } else {
                emit(.log(level: .warning, message: "ignored a result for trial \(trialID) attempt \(lease.attempt) from worker \(worker): never leased to it"))
            }
            return
        }
        workerFinished(lease, trial: trial)
        switch trials[trial.index].phase {
        case .recorded:
            emit(.log(level: .debug, message: "duplicate result for recorded trial \(trialID) from worker \(worker)"))
            emit(.acknowledge(worker: worker, trialID: trialID))
            return
        case .persisting:
            emit(.log(level: .debug, message: "duplicate result for trial \(trialID) from worker \(worker) while it is being recorded"))
            awaitAcknowledgement(of: trial, by: worker)
            return
        case .pending:
            pendingCount -= 1
            emit(.log(level: .info, message: "accepted the result of trial \(trialID) from superseded attempt \(lease.attempt) on worker \(worker)"))
        case let .leased(current):
            runningCount -= 1
            if current != lease {
                emit(.log(level: .info, message: "accepted the result of trial \(trialID) from superseded attempt \(lease.attempt) on worker \(worker); attempt \(current.attempt) on worker \(current.worker) is now moot"))
            }
        }
        failFast.succeeded()
        trials[trial.index].phase = .persisting
        trials[trial.index].awaitingAcknowledgement = [worker]
        persistingCount += 1
        emit(.persistResult(
            trialID: trialID, attempt: lease.attempt, result: result, worker: worker,
            failedAttempts: failedAttempts.removeValue(forKey: trial) ?? []))
    }

    mutating func failureArrived(_ lease: Lease, trialID: TrialID, message: String, log: String?, now: Double) {
        let worker = lease.worker
        let isKnown = touch(worker, now: now) != nil
        defer { if !isKnown { dismissUnknown(worker) } }
        guard let trial = handles[trialID], trials[trial.index].wasLeased(lease) else {
            emit(.log(level: .warning, message: "ignored a failure of trial \(trialID) attempt \(lease.attempt) from worker \(worker): never leased to it"))
            return
        }
        workerFinished(lease, trial: trial)
        switch trials[trial.index].phase {
        case .recorded:
            emit(.acknowledge(worker: worker, trialID: trialID))
        case .persisting:
            awaitAcknowledgement(of: trial, by: worker)
        case let .leased(current) where current == lease:
            runningCount -= 1
            trials[trial.index].failures += 1
            if let log { failedAttempts[trial, default: []].append(FailedAttempt(attempt: lease.attempt, message: message, log: log)) }
            let failures = trials[trial.index].failures
            if failFast.failed(trial, message: message, threshold: configuration.failFastAfter) {
                requeue(trial)
                stopEarly(message: message)
                awaitAcknowledgement(of: trial, by: worker)
            } else if failures >= configuration.maxAttempts {
                emit(.log(level: .error, message: "trial \(trialID) failed \(failures) times, last on worker \(worker): \(message)"))
                persistFailure(of: trial, message: message)
                awaitAcknowledgement(of: trial, by: worker)
            } else {
                emit(.log(level: .warning, message: "trial \(trialID) attempt \(lease.attempt) failed on worker \(worker): \(message); requeued"))
                requeue(trial)
                emit(.acknowledge(worker: worker, trialID: trialID))
            }
        case .pending, .leased:
            emit(.log(level: .debug, message: "ignored a failure of trial \(trialID) from superseded attempt \(lease.attempt) on worker \(worker)"))
            emit(.acknowledge(worker: worker, trialID: trialID))
        }
    }

    mutating func recorded(_ trialIDs: [TrialID]) {
        for trialID in trialIDs {
            guard let trial = handles[trialID], trials[trial.index].phase == .persisting else {
                emit(.log(level: .warning, message: "journal reported trial \(trialID) recorded, but it was not being persisted"))
                continue
            }
            trials[trial.index].phase = .recorded
            persistingCount -= 1
            recordedCount += 1
            for worker in trials[trial.index].awaitingAcknowledgement {
                emit(.acknowledge(worker: worker, trialID: trialID))
            }
            trials[trial.index].awaitingAcknowledgement = []
        }
    }

    /// Removes the trial from the worker's holdings when the worker holds exactly that lease.
    mutating func workerFinished(_ lease: Lease, trial: TrialHandle) {
        withWorker(lease.worker) { state in
            guard state.running[trial] == lease.attempt else { return }
            state.running[trial] = nil
            state.assignedAt[trial] = nil
        }
    }

    /// Acknowledges a report on a trial that is recorded (at once) or being recorded (after the
    /// commit); returns false, changing nothing, for a trial pending or running.
    mutating func acknowledgeIfRecorded(_ trial: TrialHandle, by worker: WorkerID) -> Bool {
        switch trials[trial.index].phase {
        case .recorded:
            emit(.acknowledge(worker: worker, trialID: trials[trial.index].id))
            return true
        case .persisting:
            awaitAcknowledgement(of: trial, by: worker)
            return true
        case .pending, .leased:
            return false
        }
    }

    mutating func awaitAcknowledgement(of trial: TrialHandle, by worker: WorkerID) {
        if !trials[trial.index].awaitingAcknowledgement.contains(worker) {
            trials[trial.index].awaitingAcknowledgement.append(worker)
        }
    }

    /// Puts a trial back in the queue, ahead of trials never tried.
    mutating func requeue(_ trial: TrialHandle) {
        trials[trial.index].phase = .pending
        pendingCount += 1
        retryQueue.append(trial)
        if let queue = trials[trial.index].batchQueue { batchQueues[queue].append(trial) }
    }

    /// Fails fast: records every trial of the counted failed attempts that is not yet recorded
    /// (waiting for another attempt, or running it) as failed with `message`, stops assigning and
    /// tells the shell to stop.
    mutating func stopEarly(message: String) {
        stoppedEarly = true
        let counted = failFast.trials.sorted(by: inGridOrder)
        emit(.log(level: .error, message: "the first \(failFast.attempts) failed attempts, of \(counted.count) trials, all failed with the same message; stopping the sweep: \(message)"))
        for trial in counted {
            switch trials[trial.index].phase {
            case .pending: pendingCount -= 1
            case .leased: runningCount -= 1
            case .persisting, .recorded: continue
            }
            persistFailure(of: trial, message: message)
        }
        emit(.failFast(message: message, attempts: failFast.attempts))
    }

    /// Sends a trial that is neither pending nor running to the journal as failed.
    mutating func persistFailure(of trial: TrialHandle, message: String) {
        trials[trial.index].phase = .persisting
        persistingCount += 1
        emit(.persistFailure(
            trialID: trials[trial.index].id, attempts: trials[trial.index].attempt, message: message,
            failedAttempts: failedAttempts.removeValue(forKey: trial) ?? []))
    }
}
