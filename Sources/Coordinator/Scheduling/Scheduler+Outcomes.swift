import Core
import SweepSpecs

extension Scheduler {
    mutating func resultArrived(_ lease: Lease, trialID: TrialID, result: TrialResult, now: Double) {
        let worker = lease.worker
        let isKnown = touch(worker, now: now) != nil
        workerFinished(lease, trialID: trialID)
        defer { if !isKnown { dismissUnknown(worker) } }
        guard let trial = trials[trialID], trial.wasLeased(lease) else {
            emit(.log(level: .warning, message: "ignored a result for trial \(trialID) attempt \(lease.attempt) from worker \(worker): never leased to it"))
            return
        }
        switch trial.phase {
        case .recorded:
            emit(.log(level: .debug, message: "duplicate result for recorded trial \(trialID) from worker \(worker)"))
            emit(.acknowledge(worker: worker, trialID: trialID))
            return
        case .persisting:
            emit(.log(level: .debug, message: "duplicate result for trial \(trialID) from worker \(worker) while it is being recorded"))
            awaitAcknowledgement(of: trialID, by: worker)
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
        trials[trialID]!.phase = .persisting
        trials[trialID]!.awaitingAcknowledgement = [worker]
        persistingCount += 1
        emit(.persistResult(trialID: trialID, attempt: lease.attempt, result: result, worker: worker))
    }

    mutating func failureArrived(_ lease: Lease, trialID: TrialID, message: String, now: Double) {
        let worker = lease.worker
        let isKnown = touch(worker, now: now) != nil
        workerFinished(lease, trialID: trialID)
        defer { if !isKnown { dismissUnknown(worker) } }
        guard let trial = trials[trialID], trial.wasLeased(lease) else {
            emit(.log(level: .warning, message: "ignored a failure of trial \(trialID) attempt \(lease.attempt) from worker \(worker): never leased to it"))
            return
        }
        switch trial.phase {
        case .recorded:
            emit(.acknowledge(worker: worker, trialID: trialID))
        case .persisting:
            awaitAcknowledgement(of: trialID, by: worker)
        case let .leased(current) where current == lease:
            runningCount -= 1
            trials[trialID]!.failures += 1
            let failures = trials[trialID]!.failures
            if failures >= configuration.maxAttempts {
                emit(.log(level: .error, message: "trial \(trialID) failed \(failures) times, last on worker \(worker): \(message)"))
                persistFailure(of: trialID, message: message)
                awaitAcknowledgement(of: trialID, by: worker)
            } else {
                emit(.log(level: .warning, message: "trial \(trialID) attempt \(lease.attempt) failed on worker \(worker): \(message); requeued"))
                requeue(trialID)
                emit(.acknowledge(worker: worker, trialID: trialID))
            }
        case .pending, .leased:
            emit(.log(level: .debug, message: "ignored a failure of trial \(trialID) from superseded attempt \(lease.attempt) on worker \(worker)"))
            emit(.acknowledge(worker: worker, trialID: trialID))
        }
    }

    mutating func recorded(_ trialIDs: [TrialID]) {
        for trialID in trialIDs {
            guard trials[trialID]?.phase == .persisting else {
                emit(.log(level: .warning, message: "journal reported trial \(trialID) recorded, but it was not being persisted"))
                continue
            }
            trials[trialID]!.phase = .recorded
            persistingCount -= 1
            recordedCount += 1
            for worker in trials[trialID]!.awaitingAcknowledgement {
                emit(.acknowledge(worker: worker, trialID: trialID))
            }
            trials[trialID]!.awaitingAcknowledgement = []
        }
    }

    /// Removes the trial from the worker's holdings when the worker holds exactly that lease.
    mutating func workerFinished(_ lease: Lease, trialID: TrialID) {
        guard workers[lease.worker]?.running[trialID] == lease.attempt else { return }
        workers[lease.worker]!.running[trialID] = nil
        workers[lease.worker]!.assignedAt[trialID] = nil
    }

    mutating func awaitAcknowledgement(of trialID: TrialID, by worker: WorkerID) {
        if !trials[trialID]!.awaitingAcknowledgement.contains(worker) {
            trials[trialID]!.awaitingAcknowledgement.append(worker)
        }
    }

    /// Puts a trial back in the queue, ahead of trials never tried.
    mutating func requeue(_ trialID: TrialID) {
        trials[trialID]!.phase = .pending
        pendingCount += 1
        retryQueue.append(trialID)
        if let key = batchKeys[trialID] { batchQueues[key]!.append(trialID) }
    }

    /// Sends a trial that is neither pending nor running to the journal as failed.
    mutating func persistFailure(of trialID: TrialID, message: String) {
        trials[trialID]!.phase = .persisting
        persistingCount += 1
        emit(.persistFailure(trialID: trialID, attempts: trials[trialID]!.attempt, message: message))
    }
}
