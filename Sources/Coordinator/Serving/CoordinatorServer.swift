import Core
import Foundation
import JSON
import Journaling
import Logging
import Scheduling
import SweepSpecs
import Wire
import ZeroMQ

/// How serving ended.
public enum ServeOutcome: Sendable, Equatable {
    /// Every trial is recorded.
    case finished
    /// A stop was asked for; every result received so far is committed.
    case stopped
    /// The sweep failed fast: its first `attempts` failed attempts, before any result, all failed
    /// with `message`; their trials are recorded as failed, the rest stay pending.
    case failedFast(message: String, attempts: Int)
}

/// The ZeroMQ shell around the ``Scheduler``: it receives messages, turns them into events,
/// carries out the directives, and commits results to the ``Journal`` before acknowledging them.
///
/// Workers are known by the `worker_id` of their `hello`; each hello's routing id becomes the
/// worker's current route, and its previous route is forgotten. A message from a route that is
/// not the current route of a worker (e.g. a worker of a coordinator that was restarted, or a
/// connection whose worker id a newer hello took over) is dropped: that worker falls silent,
/// opens a new session and says hello. A worker refused after its welcome (a frame or a second
/// `hello` of another protocol version) is forgotten and its trials are requeued. Runs on the
/// thread that calls ``run(stop:progress:)``, which owns the socket.
public final class CoordinatorServer {
    /// The endpoint actually bound (a concrete port when `*` was asked for).
    public let endpoint: String
    private let options: CoordinatorOptions
    private let journal: Journal
    private let logger: Logger
    private let context: ZMQContext
    private let socket: ZMQSocket
    private let authentication: WorkerAuthentication?
    private var scheduler: Scheduler
    private let base: JournalCounts
    private var routes: [WorkerID: [UInt8]] = [:]
    private var workersByRoute: [[UInt8]: WorkerID] = [:]
    private var assignments = AssignmentFrames()
    private let committer: JournalCommitter
    private var batch: [JournalEntry] = []
    private var batchStarted = 0.0
    private var doneThisRun = 0
    private var failedThisRun = 0
    private var startedAt = 0.0
    private var failedFast: (message: String, attempts: Int)?

    /// Binds the socket to serve `pending`, the trials of `journal`'s spec not yet recorded, in
    /// grid order (``PreparedSweep/pending``); a trial in `priorAttempts` (by id) numbers its
    /// attempts on from there (``PreparedSweep/priorAttempts``).
    public init(
        journal: Journal, pending: [TrialSpec], priorAttempts: [String: Int] = [:], options: CoordinatorOptions, logger: Logger
    ) throws {
        self.journal = journal
        self.options = options
        self.logger = logger
        base = try journal.counts()
        scheduler = Scheduler(
            trials: pending, recorded: [],
            priorAttempts: Dictionary(uniqueKeysWithValues: priorAttempts.map { (TrialID($0.key), $0.value) }),
            configuration: options.scheduler)
        do {
            context = try ZMQContext()
            socket = try ZMQSocket(context: context, type: .router)
            try socket.set(.routerMandatory(true))
            try socket.set(.maxMessageSize(bytes: MessageCodec.defaultMaxMessageSize))
            try socket.set(.sendHighWaterMark(0))
            try socket.set(.receiveHighWaterMark(0))
            if let curve = options.curve {
                authentication = try WorkerAuthentication(router: socket, curve: curve, logger: logger)
            } else {
                authentication = nil
            }
            try socket.bind(options.bind)
            endpoint = try socket.lastEndpoint()
            committer = try JournalCommitter(journal: journal, context: context, logger: logger)
        } catch {
            throw ServingError.transport(operation: "bind \(options.bind)", cause: error)
        }
    }

    /// How long the last acknowledgements and `shutdown` messages may take to leave when the
    /// coordinator closes its socket: long enough for hundreds of workers on a busy machine.
    static let closingLingerMilliseconds = 2000

    /// Serves until every trial is recorded, the sweep fails fast or `stop` is raised, calling
    /// `progress` periodically.
    public func run(stop: StopSignal, progress: (SweepProgress) -> Void) throws -> ServeOutcome {
        defer {
            committer.close()
            try? socket.set(.linger(milliseconds: Self.closingLingerMilliseconds))
            socket.close()
        }
        startedAt = MonotonicClock.seconds()
        var nextProgress = 0.0
        var finished = scheduler.isFinished
        let poller = ZMQPoller(sockets: [socket, committer.wakeup] + (authentication?.sockets ?? []))
        while !finished && failedFast == nil {
            if stop.isRaised {
                flush()
                _ = try settle(committer.drain())
                shutdownAll(reason: "the coordinator is stopping")
                report(progress, serving: false)
                return .stopped
            }
            let wait = batch.isEmpty ? 100 : max(0, Int((batchStarted + options.commitInterval - MonotonicClock.seconds()) * 1000))
            let ready = try poller.poll(timeoutMilliseconds: wait)
            if ready.contains(where: { $0 > 1 }) { try authentication?.serve() }
            if ready.contains(1) { finished = try settle(committer.takeCommitted()) || finished }
            if ready.first == 0 {
                var drained = 0
                while drained < options.maxBatch, let frames = try socket.receive(dontWait: true) {
                    drained += 1
                    finished = receive(frames) || finished
                }
            }
            finished = execute(scheduler.handle(.tick, now: MonotonicClock.seconds())) || finished
            if !batch.isEmpty && (batch.count >= options.maxBatch || MonotonicClock.seconds() - batchStarted >= options.commitInterval) {
                flush()
            }
            if MonotonicClock.seconds() >= nextProgress {
                report(progress)
                nextProgress = MonotonicClock.seconds() + options.progressInterval
            }
        }
        flush()
        _ = try settle(committer.drain())
        if let failedFast {
            shutdownAll(reason: "the sweep failed fast: \(failedFast.message)")
            report(progress, serving: false)
            return .failedFast(message: failedFast.message, attempts: failedFast.attempts)
        }
        shutdownAll(reason: "every trial is recorded")
        report(progress, serving: false)
        return .finished
    }

    private func report(_ progress: (SweepProgress) -> Void, serving: Bool = true) {
        let p = scheduler.progress
        let snapshot = SweepProgress(
            total: base.total, done: base.done + doneThisRun, failed: base.failed + failedThisRun,
            running: p.running + p.persisting, pending: p.pending, workers: p.workers,
            elapsed: MonotonicClock.seconds() - startedAt, recordedThisRun: doneThisRun + failedThisRun, serving: serving,
            commitSeconds: committer.latestCommitSeconds)
        progress(snapshot)
        if let json = try? JSONNodeEncoder.json(snapshot, format: .integralDoublesWithoutFraction) {
            committer.note(.meta(key: SweepProgress.metaKey, value: String(decoding: json, as: UTF8.self)))
        }
    }

    /// Decodes one ROUTER message and feeds the scheduler; returns whether the sweep finished.
    private func receive(_ frames: [[UInt8]]) -> Bool {
        guard frames.count == 2 else {
            logger.warning("dropped a message of \(frames.count) frames (expected 2)")
            return false
        }
        let route = frames[0]
        let message: Message
        do {
            message = try MessageCodec.decode(frames[1])
        } catch .unsupportedVersion(let found, let supported) {
            refuse(route: route, named: Self.describe(route), .unsupportedVersion(found: found, supported: supported))
            return release(route: route)
        } catch {
            logger.warning("dropped an undecodable message from \(Self.describe(route)): \(error)")
            return false
        }
        let now = MonotonicClock.seconds()
        if case let .hello(workerID, version, slots, host, pid) = message {
            if case let .refused(refusal) = WorkerAdmission(version: version, slots: slots) {
                refuse(route: route, named: "worker \(workerID)", refusal)
                return release(route: route)
            }
            return admit(workerID, slots: slots, host: host, pid: pid, route: route, now: now)
        }
        guard let worker = workersByRoute[route] else {
            logger.debug("dropped a \(message.type.rawValue) message from \(Self.describe(route)), which has not said hello")
            return false
        }
        guard let event = event(for: message, from: worker) else { return false }
        return execute(scheduler.handle(event, now: now))
    }

    /// Logs the refusal of the client `name` and sends it `refuse`.
    private func refuse(route: [UInt8], named name: String, _ refusal: WorkerAdmission.Refusal) {
        logger.warning("refused \(name): \(refusal.logDetail)")
        send(.refuse(reason: refusal.reason), to: route)
    }

    /// Forgets the worker whose current route is `route`, if any, after it was refused: it gets
    /// no more assignments and its trials go back to the queue, as after `bye`. Returns whether
    /// the sweep finished.
    private func release(route: [UInt8]) -> Bool {
        guard let worker = workersByRoute.removeValue(forKey: route) else { return false }
        routes[worker] = nil
        logger.warning("worker \(worker) was refused: its trials go back to the queue")
        return execute(scheduler.handle(.workerLeft(worker: worker), now: MonotonicClock.seconds()))
    }

    /// Makes `route` the admitted worker's current route, welcomes it, notes it in the journal and
    /// tells the scheduler; returns whether the sweep finished.
    private func admit(_ workerID: String, slots: Int, host: String, pid: Int32, route: [UInt8], now: Double) -> Bool {
        let worker = WorkerID(workerID)
        if let old = routes[worker], old != route {
            workersByRoute[old] = nil
            logger.warning("worker \(workerID) said hello on a new connection \(Self.describe(route)); messages from its old one \(Self.describe(old)) are dropped")
        }
        routes[worker] = route
        workersByRoute[route] = worker
        send(.welcome(heartbeatInterval: options.scheduler.heartbeatInterval,
                      heartbeatLiveness: options.scheduler.heartbeatLiveness, runID: options.runID), to: route)
        committer.note(.worker(id: workerID, host: host, pid: Int(pid), at: Date()))
        return execute(scheduler.handle(.workerJoined(worker: worker, slots: slots), now: now))
    }

    /// The scheduler event of a message from a worker that said hello; nil (and a log line) for a
    /// message a worker never sends.
    private func event(for message: Message, from worker: WorkerID) -> SchedulerEvent? {
        switch message {
        case let .workRequest(credit):
            return .workRequested(worker: worker, credit: credit)
        case .heartbeat:
            return .heartbeat(worker: worker)
        case let .holding(trialIDs):
            return .holding(worker: worker, trialIDs: Set(trialIDs.map(TrialID.init)))
        case let .progress(trialID, _, step, totalSteps, _):
            logger.trace("trial \(trialID) on \(worker): step \(step) of \(totalSteps)")
            return .heartbeat(worker: worker)
        case let .result(trialID, attempt, result):
            return .resultArrived(worker: worker, trialID: TrialID(trialID), attempt: attempt, result: result)
        case let .failure(trialID, attempt, text, log):
            return .failureArrived(worker: worker, trialID: TrialID(trialID), attempt: attempt, message: text, log: log)
        case let .bye(reason):
            logger.info("worker \(worker) leaves: \(reason)")
            return .workerLeft(worker: worker)
        case .hello, .welcome, .refuse, .assignment, .ack, .shutdown:
            logger.warning("dropped an unexpected \(message.type.rawValue) message from worker \(worker)")
            return nil
        }
    }

    /// Carries out directives; returns whether the sweep finished.
    private func execute(_ directives: [SchedulerDirective]) -> Bool {
        var finished = false
        for directive in directives {
            switch directive {
            case let .assign(worker, trial, attempt):
                send(assignments.frame(for: trial, attempt: attempt), type: .assignment, to: worker)
            case .persistResult, .persistFailure:
                if let entry = JournalEntry(directive) {
                    if batch.isEmpty { batchStarted = MonotonicClock.seconds() }
                    batch.append(entry)
                }
            case let .acknowledge(worker, trialID):
                send(.ack(trialID: trialID.rawValue), to: worker)
            case let .sendHeartbeat(worker):
                send(.heartbeat, to: worker)
            case let .shutdown(worker, reason):
                send(.shutdown(reason: reason), to: worker)
            case let .forget(worker):
                logger.info("worker \(worker) is gone")
            case .finished:
                finished = true
            case let .failFast(message, attempts):
                failedFast = (message, attempts)
            case let .log(level, message):
                logger.log(level: level, "\(message)")
            }
        }
        return finished
    }

    /// Hands the batch to the committing thread.
    private func flush() {
        guard !batch.isEmpty else { return }
        committer.submit(batch)
        batch.removeAll(keepingCapacity: true)
    }

    /// Lets the scheduler acknowledge committed entries; returns whether the sweep finished.
    private func settle(_ entries: [JournalEntry]) -> Bool {
        guard !entries.isEmpty else { return false }
        var ids: [TrialID] = []
        ids.reserveCapacity(entries.count)
        for entry in entries {
            ids.append(TrialID(entry.trialID))
            if case .failed = entry { failedThisRun += 1 } else { doneThisRun += 1 }
        }
        return execute(scheduler.handle(.recorded(trialIDs: ids), now: MonotonicClock.seconds()))
    }

    private func shutdownAll(reason: String) {
        for route in routes.values { send(.shutdown(reason: reason), to: route) }
    }

    private func send(_ message: Message, to worker: WorkerID) {
        send(MessageCodec.encode(message), type: message.type, to: worker)
    }

    private func send(_ frame: [UInt8], type: MessageType, to worker: WorkerID) {
        guard let route = routes[worker] else { return }
        send(frame, type: type, to: route)
    }

    private func send(_ message: Message, to route: [UInt8]) {
        send(MessageCodec.encode(message), type: message.type, to: route)
    }

    private func send(_ frame: [UInt8], type: MessageType, to route: [UInt8]) {
        do {
            _ = try socket.send([route, frame], dontWait: true)
        } catch {
            logger.debug("could not send \(type.rawValue) to \(Self.describe(route)): \(error)")
        }
    }

    /// A routing id for logs: as text when printable, else hexadecimal.
    static func describe(_ route: [UInt8]) -> String {
        if route.allSatisfy({ (0x21...0x7E).contains($0) }) { return String(decoding: route, as: UTF8.self) }
        return route.map { String(format: "%02x", $0) }.joined()
    }
}
