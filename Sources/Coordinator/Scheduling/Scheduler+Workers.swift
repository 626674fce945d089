import SweepSpecs

extension Scheduler {
    /// Marks the worker alive at `now`; returns nil when it is not a live worker.
    @discardableResult
    mutating func touch(_ worker: WorkerID, now: Double) -> SchedulerWorker? {
        guard workers[worker] != nil else { return nil }
        workers[worker]!.lastSeen = now
        return workers[worker]
    }

    mutating func workerJoined(_ worker: WorkerID, slots: Int, now: Double) {
        dismissed.remove(worker)
        if workers[worker] != nil {
            emit(.log(level: .warning, message: "worker \(worker) joined again; releasing the trials it held"))
            releaseTrials(of: worker, reason: "its worker \(worker) restarted")
        } else {
            emit(.log(level: .info, message: "worker \(worker) joined with \(slots) slots"))
        }
        removeWorker(worker)
        workers[worker] = SchedulerWorker(slots: max(0, slots), lastSeen: now, lastHeartbeatSent: now)
        slotCount += max(0, slots)
    }

    mutating func workRequested(_ worker: WorkerID, credit: Int, now: Double) {
        guard var state = touch(worker, now: now) else {
            dismissUnknown(worker)
            return
        }
        guard !state.shutdownSent else { return }
        let room = max(0, max(configuration.maxCreditPerWorker, state.slots) - state.running.count)
        state.credit = min(room, state.credit + max(0, credit))
        if state.credit > 0 && !state.isQueued {
            state.isQueued = true
            hungryWorkers.append(worker)
        }
        workers[worker] = state
    }

    /// Requeues the leases a live worker was given a dead-after time ago and no longer lists,
    /// and gives it back the credit they took.
    mutating func holding(_ worker: WorkerID, trialIDs: Set<TrialID>, now: Double) {
        guard let state = touch(worker, now: now) else {
            dismissUnknown(worker)
            return
        }
        let lost = state.running.keys.filter { trialID in
            !trialIDs.contains(trialID) && now - state.assignedAt[trialID, default: now] >= configuration.deadAfter
        }
        guard !lost.isEmpty else { return }
        for trialID in lost.sorted(by: { trials[$0]!.spec.index < trials[$1]!.spec.index }) {
            let attempt = workers[worker]!.running.removeValue(forKey: trialID)!
            workers[worker]!.assignedAt[trialID] = nil
            if trials[trialID]!.phase == .leased(Lease(attempt: attempt, worker: worker)) {
                loseLease(of: trialID, reason: "worker \(worker) does not hold it: the assignment was lost")
            }
        }
        workRequested(worker, credit: lost.count, now: now)
    }

    mutating func workerLeft(_ worker: WorkerID) {
        guard workers[worker] != nil else {
            dismissed.remove(worker)
            emit(.log(level: .debug, message: "goodbye from unknown worker \(worker)"))
            return
        }
        emit(.log(level: .info, message: "worker \(worker) left"))
        releaseTrials(of: worker, reason: "its worker \(worker) left")
        removeWorker(worker)
        emit(.forget(worker: worker))
    }

    mutating func removeWorker(_ worker: WorkerID) {
        guard let state = workers.removeValue(forKey: worker) else { return }
        slotCount -= state.slots
    }

    /// Tells a worker the scheduler does not know to shut down, once.
    mutating func dismissUnknown(_ worker: WorkerID) {
        guard workers[worker] == nil, dismissed.insert(worker).inserted else { return }
        let reason = "unknown worker: it never joined, or was declared dead after \(configuration.deadAfter) s of silence"
        emit(.log(level: .warning, message: "message from \(reason) (\(worker)); telling it to shut down"))
        emit(.shutdown(worker: worker, reason: reason))
    }

    /// Declares dead every worker silent for ``SchedulerConfiguration/deadAfter`` seconds.
    mutating func expireSilentWorkers(now: Double) {
        let deadline = configuration.deadAfter
        let silent = workers.filter { now - $0.value.lastSeen >= deadline }.keys.sorted()
        for worker in silent {
            let wasShutDown = workers[worker]!.shutdownSent
            emit(.log(
                level: wasShutDown ? .debug : .warning,
                message: "worker \(worker) silent for at least \(deadline) s: declared dead"))
            releaseTrials(of: worker, reason: "its worker \(worker) went silent")
            removeWorker(worker)
            emit(.forget(worker: worker))
        }
    }

    /// Sends a heartbeat to every live worker that has not had one for a heartbeat interval.
    mutating func sendDueHeartbeats(now: Double) {
        let due = workers.filter { now - $0.value.lastHeartbeatSent >= configuration.heartbeatInterval }.keys.sorted()
        for worker in due {
            workers[worker]!.lastHeartbeatSent = now
            emit(.sendHeartbeat(worker: worker))
        }
    }

    /// Requeues the trials a worker holds under their current lease; other trials it holds
    /// (superseded leases) are simply dropped from it.
    mutating func releaseTrials(of worker: WorkerID, reason: String) {
        guard let state = workers[worker] else { return }
        let held = state.running.sorted { trials[$0.key]!.spec.index < trials[$1.key]!.spec.index }
        for (trialID, attempt) in held {
            workers[worker]!.running[trialID] = nil
            workers[worker]!.assignedAt[trialID] = nil
            if trials[trialID]!.phase == .leased(Lease(attempt: attempt, worker: worker)) {
                loseLease(of: trialID, reason: reason)
            }
        }
    }

    /// Requeues a trial whose lease was lost, or records it as failed after too many losses.
    mutating func loseLease(of trialID: TrialID, reason: String) {
        runningCount -= 1
        trials[trialID]!.lostLeases += 1
        let trial = trials[trialID]!
        if trial.lostLeases >= configuration.maxLostLeases {
            let message = "lost \(trial.lostLeases) leases; the last because \(reason)"
            emit(.log(level: .error, message: "trial \(trialID) failed: \(message)"))
            persistFailure(of: trialID, message: message)
        } else {
            emit(.log(level: .warning, message: "trial \(trialID) attempt \(trial.attempt) requeued: \(reason)"))
            requeue(trialID)
        }
    }
}
