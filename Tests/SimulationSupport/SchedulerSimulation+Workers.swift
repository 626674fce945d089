import Coordinator
import Core

/// Simulated workers, modelled on `WorkerLoop`: hello until welcomed, ask for credit on each
/// welcome and after each report, list the trials they hold every second, resend
/// unacknowledged reports, and open a new session
/// (dropping held work) when the coordinator is silent for its dead-after time.
extension SchedulerSimulation {
    mutating func launch() {
        report.launches += 1
        let index = workers.count
        let worker = SimulatedWorker(id: WorkerID("w\(index)"), lastHeard: now)
        workers.append(worker)
        workerIndex[worker.id] = index
        report.sessions += 1
        transmit(.workerJoined(worker: worker.id, slots: settings.slots), from: index, droppable: true)
        events.push(.workerTimer(index), at: now + uniform(0...1))
    }

    mutating func receive(_ message: ToWorker, at route: Route, epoch sentIn: Int) {
        let index = route.worker
        guard workers[index].state != .gone, route.session == workers[index].session, sentIn == epoch else { return }
        if workers[index].state == .paused {
            workers[index].inbox.append((message, route, sentIn))
            return
        }
        workers[index].lastHeard = now
        let id = workers[index].id
        switch message {
        case .welcome:
            workers[index].welcomed = true
            transmit(.workRequested(worker: id, credit: settings.slots), from: index, droppable: false)
        case let .directive(.assign(_, trial, attempt)):
            startRun(trial.id, attempt: attempt, at: route)
        case let .directive(.acknowledge(_, trialID)):
            workers[index].unacknowledged.removeAll { $0.trialID == trialID }
        case .directive(.shutdown):
            transmit(.workerLeft(worker: id), from: index, droppable: false)
            stop(index)
        case .directive:
            break
        }
    }

    mutating func startRun(_ trialID: String, attempt: Int, at route: Route) {
        runs[trialID, default: []].append(epoch)
        workers[route.worker].computing.append((trialID, epoch))
        let concurrent = runs[trialID]!.count { $0 == epoch }
        report.maxConcurrentRuns = max(report.maxConcurrentRuns, runs[trialID]!.count)
        let allowed = max(attempt, lastAttempt[trialID, default: 0])
        if concurrent > allowed {
            let others = workers.indices.filter { i in workers[i].computing.contains { $0 == (trialID, epoch) } }.map { "\(workers[$0].id) \(workers[$0].state) s\(workers[$0].session)" }
            report.violations.append("at \(now): \(trialID) runs on \(concurrent) workers with \(allowed) attempts given (now on \(workers[route.worker].id) session \(route.session), epoch \(epoch), restarts \(report.restarts)); computing on \(others)")
        }
        events.push(.trialDone(route, trialID: trialID, attempt: attempt, epoch: epoch), at: now + uniform(settings.trialSeconds))
    }

    mutating func endRun(_ trialID: String, epoch runEpoch: Int, worker index: Int) {
        if let k = workers[index].computing.firstIndex(where: { $0 == (trialID, runEpoch) }) {
            workers[index].computing.remove(at: k)
        }
        if let k = runs[trialID]?.firstIndex(of: runEpoch) { runs[trialID]!.remove(at: k) }
    }

    /// The worker's process ends: its runs stop, and a replacement is launched while work remains.
    mutating func stop(_ index: Int) {
        workers[index].state = .gone
        for (trialID, runEpoch) in workers[index].computing { endRun(trialID, epoch: runEpoch, worker: index) }
        if report.journal.count < settings.trials {
            events.push(.launch, at: now + settings.restartDelay)
        }
    }

    mutating func finishTrial(_ trialID: String, attempt: Int, at route: Route, epoch runEpoch: Int) {
        let index = route.worker
        guard workers[index].state != .gone else { return }
        endRun(trialID, epoch: runEpoch, worker: index)
        if workers[index].state == .paused {
            workers[index].finishedWhilePaused.append((route, trialID, attempt))
        } else {
            reportTrial(trialID, attempt: attempt, at: route)
        }
    }

    /// Sends the outcome of a finished run, unless it belongs to an earlier session.
    mutating func reportTrial(_ trialID: String, attempt: Int, at route: Route) {
        let index = route.worker
        guard route.session == workers[index].session else { return }
        let id = workers[index].id
        let trialIndex = Int(trialID.dropFirst())!
        let event: SchedulerEvent
        if settings.poisonEvery > 0 && trialIndex % settings.poisonEvery == 0 {
            event = .failureArrived(worker: id, trialID: trialID, attempt: attempt, message: "poison \(trialID)")
        } else if chance(settings.failRate) {
            report.failures += 1
            let message = "transient failure of \(trialID) attempt \(attempt) on \(id)"
            report.failureMessages[trialID, default: []].insert(message)
            event = .failureArrived(worker: id, trialID: trialID, attempt: attempt, message: message)
        } else {
            event = .resultArrived(worker: id, trialID: trialID, attempt: attempt, result: makeResult(for: trialID))
        }
        workers[index].unacknowledged.append((trialID, event))
        transmit(event, from: index, droppable: true, mayDuplicate: true)
        transmit(.workRequested(worker: id, credit: 1), from: index, droppable: false)
    }

    mutating func workerTimer(_ index: Int) {
        guard workers[index].state != .gone else { return }
        events.push(.workerTimer(index), at: now + 1)
        guard workers[index].state == .alive else { return }
        if chance(settings.crashRate) {
            report.crashes += 1
            stop(index)
            return
        }
        if chance(settings.pauseRate) {
            report.pauses += 1
            workers[index].state = .paused
            events.push(.resume(index), at: now + uniform(settings.pauseSeconds))
            return
        }
        let id = workers[index].id
        if now - workers[index].lastHeard > settings.configuration.deadAfter {
            openSession(index)
        } else if !workers[index].welcomed {
            transmit(.workerJoined(worker: id, slots: settings.slots), from: index, droppable: true)
        } else {
            let held = workers[index].computing.map(\.trialID) + workers[index].unacknowledged.map(\.trialID)
                + workers[index].finishedWhilePaused.map { $0.1 }
            transmit(.holding(worker: id, trialIDs: Set(held)), from: index, droppable: true)
            for pending in workers[index].unacknowledged {
                transmit(pending.report, from: index, droppable: true)
            }
        }
    }

    /// A new connection and a hello, forgetting what the old session held.
    mutating func openSession(_ index: Int) {
        report.sessions += 1
        workers[index].session += 1
        workers[index].welcomed = false
        workers[index].unacknowledged = []
        workers[index].lastHeard = now
        transmit(.workerJoined(worker: workers[index].id, slots: settings.slots), from: index, droppable: true)
    }

    mutating func resume(_ index: Int) {
        guard workers[index].state == .paused else { return }
        workers[index].state = .alive
        let inbox = workers[index].inbox
        let finished = workers[index].finishedWhilePaused
        workers[index].inbox = []
        workers[index].finishedWhilePaused = []
        for (message, route, sentIn) in inbox { receive(message, at: route, epoch: sentIn) }
        for (route, trialID, attempt) in finished { reportTrial(trialID, attempt: attempt, at: route) }
    }
}
