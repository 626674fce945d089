import Core
import SweepSpecs

extension Scheduler {
    /// Assigns pending trials to workers with credit, first come first served. A trial that can
    /// train with others brings pending trials of its batch key along, up to
    /// ``SchedulerConfiguration/maxTrialsPerBatch`` and the worker's fair share of the trials
    /// left (pending plus running, per slot); a worker holding its fair share of such trials
    /// waits for its next request, so that no worker idles while another hoards the sweep.
    mutating func dispatch(now: Double) {
        while pendingCount > 0, let worker = hungryWorkers.first {
            guard let state = workers[worker], state.credit > 0, !state.shutdownSent else {
                _ = hungryWorkers.popFirst()
                workers[worker]?.isQueued = false
                continue
            }
            guard let trialID = nextPendingTrial() else { break }
            let fairShare = (pendingCount + runningCount + slotCount - 1) / max(1, slotCount) * max(1, state.slots)
            assign(trialID, to: worker, now: now)
            var full = workers[worker]!.credit == 0
            if let key = batchKeys[trialID] {
                var group = 1
                while group < configuration.maxTrialsPerBatch, workers[worker]!.credit > 0,
                    workers[worker]!.running.count < fairShare, let mate = nextPendingTrial(sharing: key)
                {
                    assign(mate, to: worker, now: now)
                    group += 1
                }
                full = workers[worker]!.credit == 0 || workers[worker]!.running.count >= fairShare
            }
            if full {
                _ = hungryWorkers.popFirst()
                workers[worker]!.isQueued = false
            }
        }
    }

    mutating func assign(_ trialID: TrialID, to worker: WorkerID, now: Double) {
        let lease = Lease(attempt: trials[trialID]!.attempt + 1, worker: worker)
        trials[trialID]!.leases.append(lease)
        trials[trialID]!.phase = .leased(lease)
        pendingCount -= 1
        runningCount += 1
        workers[worker]!.running[trialID] = lease.attempt
        workers[worker]!.assignedAt[trialID] = now
        workers[worker]!.credit -= 1
        emit(.assign(worker: worker, trial: trials[trialID]!.spec, attempt: lease.attempt))
    }

    /// The next pending trial with batch key `key`.
    mutating func nextPendingTrial(sharing key: TrialBatchKey) -> TrialID? {
        while let trialID = batchQueues[key]?.popFirst() {
            if trials[trialID]!.phase == .pending { return trialID }
        }
        return nil
    }

    /// The next pending trial: requeued ones first, then the rest in grid order. Queue entries
    /// of trials that left the pending state another way (a superseded lease's result) are skipped.
    mutating func nextPendingTrial() -> TrialID? {
        while let trialID = retryQueue.popFirst() ?? freshQueue.popFirst() {
            if trials[trialID]!.phase == .pending { return trialID }
        }
        return nil
    }

    /// Once nothing is pending or running, shuts down every worker with nothing running: all of
    /// them the first time, then only the worker the event came from.
    mutating func shutDownIdleWorkersIfNoWorkRemains(event: SchedulerEvent) {
        guard pendingCount == 0 && runningCount == 0 else { return }
        if !idleWorkersShutDown {
            idleWorkersShutDown = true
            for worker in workers.keys.sorted() { shutDownIfIdle(worker) }
            return
        }
        switch event {
        case let .workerJoined(worker, _), let .workRequested(worker, _), let .heartbeat(worker), let .holding(worker, _),
            let .resultArrived(worker, _, _, _), let .failureArrived(worker, _, _, _):
            shutDownIfIdle(worker)
        case .workerLeft, .recorded, .tick:
            break
        }
    }

    mutating func shutDownIfIdle(_ worker: WorkerID) {
        guard let state = workers[worker], !state.shutdownSent, state.running.isEmpty else { return }
        workers[worker]!.shutdownSent = true
        emit(.shutdown(worker: worker, reason: "no work remains"))
    }
}
