import Core
import Scheduling
import SweepSpecs
import Wire
import Worker

/// Simulated workers. Each runs a real ``WorkerSession`` (hello until welcomed, credit, holding
/// lists, resends, a new session when the coordinator falls silent, goodbye on a stop); this is
/// their shell: it turns deliveries and finished runs into the session's events and carries out
/// its directives over the simulated network. Runs train at once, however many are assigned.
extension SchedulerSimulation {
    mutating func launch() {
        report.launches += 1
        let index = workers.count
        let id = WorkerID("w\(index)")
        let options = WorkerOptions(endpoint: "simulation", slots: settings.slots, workerID: id.rawValue)
        workers.append(SimulatedWorker(id: id, protocolState: WorkerSession(options: options)))
        workerIndex[id] = index
        apply(.started, to: index)
        events.push(.workerTimer(index), at: now + uniform(0...1))
    }

    /// Hands the event to the worker's session and carries out its directives in order.
    mutating func apply(_ event: WorkerSessionEvent, to index: Int) {
        let directives = workers[index].protocolState.handle(event, now: now)
        for directive in directives { execute(directive, worker: index) }
    }

    mutating func execute(_ directive: WorkerSessionDirective, worker index: Int) {
        let id = workers[index].id
        switch directive {
        case let .openConnection(session):
            report.sessions += 1
            workers[index].session = session
        case .sendHello:
            transmit(.workerJoined(worker: id, slots: settings.slots), from: index, droppable: true)
        case let .requestWork(credit):
            transmit(.workRequested(worker: id, credit: credit), from: index, droppable: false)
        case let .sendHolding(trialIDs):
            transmit(.holding(worker: id, trialIDs: Set(trialIDs.map(TrialID.init))), from: index, droppable: true)
        case let .sendReport(_, frame):
            transmitReport(frame, from: index)
        case let .startTraining(job):
            startRun(job.trialID, attempt: job.attempt, worker: index)
        case .sendBye:
            transmit(.workerLeft(worker: id), from: index, droppable: false)
        case .exit, .refused:
            stop(index)
        case .sendProgress, .log:
            break
        }
    }

    /// Sends a report as the coordinator's shell decodes it; the network may deliver it twice.
    mutating func transmitReport(_ frame: [UInt8], from index: Int) {
        let id = workers[index].id
        let event: SchedulerEvent
        switch try? MessageCodec.decode(frame) {
        case let .result(trialID, attempt, result)?:
            event = .resultArrived(worker: id, trialID: TrialID(trialID), attempt: attempt, result: result)
        case let .failure(trialID, attempt, message, _)?:
            event = .failureArrived(worker: id, trialID: TrialID(trialID), attempt: attempt, message: message)
        default:
            report.violations.append("at \(now): \(id) sent a report that is neither a result nor a failure")
            return
        }
        transmit(event, from: index, droppable: true, mayDuplicate: true)
    }

    mutating func receive(_ message: WorkerSessionEvent, at route: Route, epoch sentIn: Int) {
        let index = route.worker
        guard workers[index].state != .gone, route.session == workers[index].session, sentIn == epoch else { return }
        if workers[index].state == .paused {
            workers[index].inbox.append((message, route, sentIn))
            return
        }
        apply(message, to: index)
    }

    mutating func startRun(_ trialID: String, attempt: Int, worker index: Int) {
        runs[trialID, default: []].append(epoch)
        workers[index].computing.append((trialID, epoch))
        let concurrent = runs[trialID]!.count { $0 == epoch }
        report.maxConcurrentRuns = max(report.maxConcurrentRuns, runs[trialID]!.count)
        let allowed = max(attempt, lastAttempt[trialID, default: 0])
        if concurrent > allowed {
            let others = workers.indices.filter { i in workers[i].computing.contains { $0 == (trialID, epoch) } }.map { "\(workers[$0].id) \(workers[$0].state) s\(workers[$0].session)" }
            report.violations.append("at \(now): \(trialID) runs on \(concurrent) workers with \(allowed) attempts given (now on \(workers[index].id) session \(workers[index].session), epoch \(epoch), restarts \(report.restarts)); computing on \(others)")
        }
        events.push(.trialDone(worker: index, trialID: trialID, attempt: attempt, epoch: epoch), at: now + uniform(settings.trialSeconds))
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

    mutating func finishTrial(_ trialID: String, attempt: Int, worker index: Int, epoch runEpoch: Int) {
        guard workers[index].state != .gone else { return }
        endRun(trialID, epoch: runEpoch, worker: index)
        if workers[index].state == .paused {
            workers[index].finishedWhilePaused.append((trialID, attempt))
        } else {
            reportTrial(trialID, attempt: attempt, worker: index)
        }
    }

    /// Encodes the outcome of a finished run as a training thread does and hands it to the
    /// worker's session, which sends it if the trial belongs to its current session.
    mutating func reportTrial(_ trialID: String, attempt: Int, worker index: Int) {
        let id = workers[index].id
        let trialIndex = Int(trialID.dropFirst())!
        let message: Message
        if settings.poisonEvery > 0 && trialIndex % settings.poisonEvery == 0 {
            message = .failure(trialID: trialID, attempt: attempt, message: "poison \(trialID)")
        } else if chance(settings.failRate) {
            report.failures += 1
            let text = "transient failure of \(trialID) attempt \(attempt) on \(id)"
            report.failureMessages[trialID, default: []].insert(text)
            message = .failure(trialID: trialID, attempt: attempt, message: text)
        } else {
            message = .result(trialID: trialID, attempt: attempt, result: makeResult(for: trialID))
        }
        apply(.trialFinished(trialID: trialID, report: MessageCodec.encode(message)), to: index)
    }

    /// Once a second per worker: it may crash, hang or be asked to stop; otherwise time passes
    /// for its session.
    mutating func workerTimer(_ index: Int) {
        guard workers[index].state != .gone else { return }
        events.push(.workerTimer(index), at: now + 1)
        guard workers[index].state == .alive else { return }
        if chance(settings.crashRate) {
            report.crashes += 1
            stop(index)
        } else if chance(settings.pauseRate) {
            report.pauses += 1
            workers[index].state = .paused
            events.push(.resume(index), at: now + uniform(settings.pauseSeconds))
        } else if chance(settings.stopRate) {
            report.stops += 1
            apply(.stopRequested(reason: "SIGTERM"), to: index)
        } else {
            apply(.tick, to: index)
        }
    }

    mutating func resume(_ index: Int) {
        guard workers[index].state == .paused else { return }
        workers[index].state = .alive
        let inbox = workers[index].inbox
        let finished = workers[index].finishedWhilePaused
        workers[index].inbox = []
        workers[index].finishedWhilePaused = []
        for (message, route, sentIn) in inbox { receive(message, at: route, epoch: sentIn) }
        for (trialID, attempt) in finished { reportTrial(trialID, attempt: attempt, worker: index) }
    }
}
