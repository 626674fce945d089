import SweepSpecs

extension Scheduler {
    /// Applies `change` to a live worker's state in place and returns its result; nil, changing
    /// nothing, when the worker is unknown.
    @discardableResult
    mutating func withWorker<Result>(_ worker: WorkerID, _ change: (inout SchedulerWorker) -> Result) -> Result? {
        guard let index = workers.index(forKey: worker) else { return nil }
        return change(&workers.values[index])
    }

    /// Marks the worker alive at `now`; returns nil when it is not a live worker.
    @discardableResult
    mutating func touch(_ worker: WorkerID, now: Double) -> SchedulerWorker? {
        withWorker(worker) { state in
            state.lastSeen = now
            return state
        }
    }

    mutating func workerJoined(_ worker: WorkerID, slots: Int, now: Double) {
        dismissed.remove(worker)
        if workers[worker] != nil {
            emit(.log(level: .warning, message: "worker \(worker) joined again; releasing the trials it held"))
            removeWorker(worker, reason: "its worker \(worker) restarted")
        } else {
            emit(.log(level: .info, message: "worker \(worker) joined with \(slots) slots"))
        }
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
        guard var state = touch(worker, now: now) else {
            dismissUnknown(worker)
            return
        }
        let lost = state.running.filter { trial, _ in
            !trialIDs.contains(trials[trial.index].id) && now - state.assignedAt[trial, default: now] >= configuration.deadAfter
        }
        guard !lost.isEmpty else { return }
        for (trial, attempt) in lost.sorted(by: { inGridOrder($0.key, $1.key) }) {
            state.running[trial] = nil
            state.assignedAt[trial] = nil
            if trials[trial.index].phase == .leased(Lease(attempt: attempt, worker: worker)) {
                loseLease(of: trial, reason: "worker \(worker) does not hold it: the assignment was lost")
            }
        }
        workers[worker] = state
        workRequested(worker, credit: lost.count, now: now)
    }

    mutating func workerLeft(_ worker: WorkerID) {
        guard workers[worker] != nil else {
            dismissed.remove(worker)
            emit(.log(level: .debug, message: "goodbye from unknown worker \(worker)"))
            return
        }
        emit(.log(level: .info, message: "worker \(worker) left"))
        removeWorker(worker, reason: "its worker \(worker) left")
        emit(.forget(worker: worker))
    }

    /// Removes a live worker and requeues the trials it holds under their current lease (other
    /// trials it holds, under superseded leases, are simply dropped), giving `reason`.
    mutating func removeWorker(_ worker: WorkerID, reason: String) {
        guard let state = workers.removeValue(forKey: worker) else { return }
        slotCount -= state.slots
        for (trial, attempt) in state.running.sorted(by: { inGridOrder($0.key, $1.key) })
        where trials[trial.index].phase == .leased(Lease(attempt: attempt, worker: worker)) {
            loseLease(of: trial, reason: reason)
        }
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
        let silent = workers.filter { now - $0.value.lastSeen >= deadline }.sorted { $0.key < $1.key }
        for (worker, state) in silent {
            emit(.log(
                level: state.shutdownSent ? .debug : .warning,
                message: "worker \(worker) silent for at least \(deadline) s: declared dead"))
            removeWorker(worker, reason: "its worker \(worker) went silent")
            emit(.forget(worker: worker))
        }
    }

    /// Sends a heartbeat to every live worker that has not had one for a heartbeat interval.
    mutating func sendDueHeartbeats(now: Double) {
        let due = workers.filter { now - $0.value.lastHeartbeatSent >= configuration.heartbeatInterval }.keys.sorted()
        for worker in due {
            withWorker(worker) { $0.lastHeartbeatSent = now }
            emit(.sendHeartbeat(worker: worker))
        }
    }

    /// Requeues a trial whose lease was lost, or records it as failed after too many losses.
    mutating func loseLease(of trial: TrialHandle, reason: String) {
        runningCount -= 1
        trials[trial.index].lostLeases += 1
        let lost = trials[trial.index]
        if lost.lostLeases >= configuration.maxLostLeases {
            let message = "lost \(lost.lostLeases) leases; the last because \(reason)"
            emit(.log(level: .error, message: "trial \(lost.id) failed: \(message)"))
            persistFailure(of: trial, message: message)
        } else {
            emit(.log(level: .warning, message: "trial \(lost.id) attempt \(lost.attempt) requeued: \(reason)"))
            requeue(trial)
        }
    }

    /// Whether `a` comes before `b` in the grid.
    func inGridOrder(_ a: TrialHandle, _ b: TrialHandle) -> Bool {
        trials[a.index].spec.index < trials[b.index].spec.index
    }
}
