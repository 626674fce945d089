extension Scheduler {
    /// Assigns pending trials to workers with credit, first come first served. A trial that can
    /// train with others brings pending trials of its batch key along, up to
    /// ``SchedulerConfiguration/maxTrialsPerBatch`` and the worker's fair share of the trials
    /// left (pending plus running, per slot); a worker holding its fair share of such trials
    /// waits for its next request, so that no worker idles while another hoards the sweep.
    mutating func dispatch(now: Double) {
        guard !stoppedEarly else { return }
        while pendingCount > 0, let worker = hungryWorkers.first {
            guard var state = workers[worker], state.credit > 0, !state.shutdownSent else {
                _ = hungryWorkers.popFirst()
                workers[worker]?.isQueued = false
                continue
            }
            guard let first = nextPendingTrial() else { break }
            let fairShare = (pendingCount + runningCount + slotCount - 1) / max(1, slotCount) * max(1, state.slots)
            assign(first, to: worker, state: &state, now: now)
            var full = state.credit == 0
            if let queue = trials[first.index].batchQueue {
                var group = 1
                while group < configuration.maxTrialsPerBatch, state.credit > 0, state.running.count < fairShare,
                    let mate = nextPendingTrial(inBatchQueue: queue)
                {
                    assign(mate, to: worker, state: &state, now: now)
                    group += 1
                }
                full = state.credit == 0 || state.running.count >= fairShare
            }
            if full {
                _ = hungryWorkers.popFirst()
                state.isQueued = false
            }
            workers[worker] = state
        }
    }

    /// Leases a pending trial to `worker`, whose state is `state`, for one of its credits.
    mutating func assign(_ trial: TrialHandle, to worker: WorkerID, state: inout SchedulerWorker, now: Double) {
        let lease = Lease(attempt: trials[trial.index].attempt + 1, worker: worker)
        trials[trial.index].leases.append(lease)
        trials[trial.index].phase = .leased(lease)
        pendingCount -= 1
        runningCount += 1
        state.running[trial] = lease.attempt
        state.assignedAt[trial] = now
        state.credit -= 1
        emit(.assign(worker: worker, trial: trials[trial.index].spec, attempt: lease.attempt))
    }

    /// The next pending trial of the batch queue `queue`.
    mutating func nextPendingTrial(inBatchQueue queue: Int) -> TrialHandle? {
        while let trial = batchQueues[queue].popFirst() {
            if trials[trial.index].phase == .pending { return trial }
        }
        return nil
    }

    /// The next pending trial: requeued ones first, then the rest in grid order. Queue entries
    /// of trials that left the pending state another way (a superseded lease's result) are skipped.
    mutating func nextPendingTrial() -> TrialHandle? {
        while let trial = retryQueue.popFirst() ?? freshQueue.popFirst() {
            if trials[trial.index].phase == .pending { return trial }
        }
        return nil
    }

    /// Once nothing is pending, running or being recorded, shuts down every worker with nothing
    /// running: all of them the first time, then only the worker the event came from. Waiting for
    /// the last commits lets every acknowledgement go out before its worker's `shutdown`.
    mutating func shutDownIdleWorkersIfNoWorkRemains(event: SchedulerEvent) {
        guard pendingCount == 0 && runningCount == 0 && persistingCount == 0 else { return }
        if !idleWorkersShutDown {
            idleWorkersShutDown = true
            for worker in workers.keys.sorted() { shutDownIfIdle(worker) }
            return
        }
        switch event {
        case let .workerJoined(worker, _), let .workRequested(worker, _), let .heartbeat(worker), let .holding(worker, _),
            let .resultArrived(worker, _, _, _), let .failureArrived(worker, _, _, _, _):
            shutDownIfIdle(worker)
        case .workerLeft, .recorded, .tick:
            break
        }
    }

    mutating func shutDownIfIdle(_ worker: WorkerID) {
        guard var state = workers[worker], !state.shutdownSent, state.running.isEmpty else { return }
        state.shutdownSent = true
        workers[worker] = state
        emit(.shutdown(worker: worker, reason: "no work remains"))
    }
}
