import Core
import Foundation
import Logging
import Protocol

/// How a worker's run ended.
public enum WorkerExit: Sendable, Equatable {
    /// The coordinator said there is no work left.
    case shutdown(reason: String)
    /// A stop was asked for (SIGTERM/SIGINT); held trials were handed back.
    case stopped
    /// The process that started the worker is gone.
    case orphaned
}

/// A worker: connects to the coordinator, asks for work, trains on its own threads, heartbeats
/// and reports. Runs on the calling thread, which owns the worker's sockets.
public final class WorkerLoop {
    private let options: WorkerOptions
    private let logger: Logger
    private let stop: StopSignal
    /// The context of the coordinator connection only: the training threads' sockets live in a
    /// context of their own, so that when the worker exits this one terminates at once (after the
    /// `bye` left, within its linger) instead of waiting for a trial still training.
    private let context: ZMQContext
    private let pool: TrainerPool
    private let parentPID = getppid()

    private var socket: ZMQSocket?
    private var monitor: HandshakeMonitor?
    private var sessionCount = 0
    private var welcomed = false
    private var heartbeatInterval = 1.0
    private var heartbeatLiveness = 5
    private var lastHeard = 0.0
    private var lastSent = 0.0
    private var nextHello = 0.0
    private var helloDelay: Double
    /// Trials assigned in this session and not yet finished.
    private var held: Set<String> = []
    /// When the worker last told the coordinator which trials it holds (its heartbeat).
    private var lastHolding = -Double.infinity
    /// Trials this session has asked for beyond those it returned: its window of work in flight.
    private var window = 0
    /// Finished trials whose outcome the coordinator has not acknowledged: the encoded
    /// message and when it was last sent, by trial id. Resent when unacknowledged for as long
    /// as a peer takes to be declared dead, so that a message lost with a broken connection
    /// cannot leave a trial running forever.
    private var unacknowledged: [String: (message: [UInt8], sentAt: Double)] = [:]
    private var meanTrialSeconds = 1.0
    /// Whether the latest assignment can train with others: then the window holds full batches.
    private var batching = false
    private var started: [String: Double] = [:]

    /// Prepares the worker; nothing is sent until `run()`.
    public init(options: WorkerOptions, stop: StopSignal, logger: Logger) throws(WorkerError) {
        self.options = options
        self.stop = stop
        self.logger = logger
        helloDelay = options.reconnectDelay
        do {
            context = try ZMQContext()
            pool = try TrainerPool(
                context: try ZMQContext(), threads: options.slots, name: options.workerID, progressInterval: options.progressInterval,
                batchLimit: options.maxTrialsPerBatch)
        } catch {
            throw .transport(operation: "start worker", cause: error)
        }
    }

    /// Runs until the coordinator shuts the worker down or a stop is asked for.
    public func run() throws(WorkerError) -> WorkerExit {
        defer {
            socket?.close()
            monitor?.socket.close()
            pool.close()
        }
        do {
            try openSession()
            while true {
                if stop.isRaised {
                    sendBye("stopped by signal")
                    return .stopped
                }
                if options.exitWithParent && getppid() != parentPID { return .orphaned }
                if let exit = try step() { return exit }
            }
        } catch let error as WorkerError {
            throw error
        } catch let error as ProtocolError {
            throw .transport(operation: "worker loop", cause: error)
        } catch {
            throw .transport(operation: "worker loop", cause: .zmq(operation: "\(error)", errno: 0, message: ""))
        }
    }

    private func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// A fresh DEALER socket and a hello: the first session, or a new one after the coordinator fell silent.
    private func openSession() throws {
        socket?.close()
        monitor?.socket.close()
        sessionCount += 1
        let s = try ZMQSocket(context: context, type: .dealer)
        try s.set(.routingID(Array("\(options.workerID)/\(getpid())/\(sessionCount)".utf8)))
        try s.set(.reconnectInterval(milliseconds: 100))
        try s.set(.reconnectIntervalMax(milliseconds: Int(options.maxReconnectDelay * 1000)))
        try s.set(.maxMessageSize(bytes: MessageCodec.defaultMaxMessageSize))
        if let curve = options.curve { try s.makeCurveClient(curve) }
        let m = try HandshakeMonitor(monitoring: s)
        try s.connect(options.endpoint)
        socket = s
        monitor = m
        welcomed = false
        for job in pool.queue.drain() { started.removeValue(forKey: job.trialID) }
        held.removeAll()
        window = 0
        unacknowledged.removeAll()
        nextHello = 0
        helloDelay = options.reconnectDelay
    }

    private func send(_ message: Message) throws {
        guard let socket else { return }
        _ = try socket.send([MessageCodec.encode(message)], dontWait: true)
        lastSent = now()
    }

    /// Hands queued trials back and says goodbye; the socket then lingers up to 2 s on close so
    /// that the goodbye reaches the coordinator even on a busy machine.
    private func sendBye(_ reason: String) {
        for job in pool.queue.drain() { held.remove(job.trialID) }
        try? socket?.set(.linger(milliseconds: 2000))
        try? send(.bye(reason: reason))
    }

    /// One turn of the loop: wait briefly for traffic, handle it, keep the session alive.
    private func step() throws -> WorkerExit? {
        guard let socket, let monitor else { return nil }
        let t = now()
        if !welcomed && t >= nextHello {
            try send(.hello(
                workerID: options.workerID, version: protocolVersion, slots: options.slots,
                host: ProcessInfo.processInfo.hostName, pid: getpid()))
            nextHello = t + helloDelay
            helloDelay = min(helloDelay * 2, options.maxReconnectDelay)
        }
        let ready = try ZMQPoller(sockets: [socket, pool.socket, monitor.socket]).poll(timeoutMilliseconds: 50)
        if ready.contains(2) {
            for failure in try monitor.pendingFailures() { logger.warning("\(explain(failure))") }
        }
        if ready.contains(0) {
            while let frames = try socket.receive(dontWait: true) {
                if let exit = try handle(frames) { return exit }
            }
        }
        if ready.contains(1) {
            while let frames = try pool.socket.receive(dontWait: true), frames.count == 3 {
                let trialID = String(decoding: frames[1], as: UTF8.self)
                if frames[0] == [TrainerPool.Kind.finished.rawValue] {
                    try finished(trialID: trialID, encoded: frames[2])
                } else if held.contains(trialID) {
                    _ = try socket.send([frames[2]], dontWait: true)
                    lastSent = now()
                }
            }
        }
        let later = now()
        if welcomed {
            if later - lastHolding >= heartbeatInterval {
                try send(.holding(trialIDs: held.union(unacknowledged.keys).sorted()))
                lastHolding = later
            }
            let deadAfter = heartbeatInterval * Double(heartbeatLiveness)
            for (trialID, entry) in unacknowledged where later - entry.sentAt > deadAfter {
                _ = try socket.send([entry.message], dontWait: true)
                unacknowledged[trialID] = (entry.message, later)
            }
            if later - lastHeard > deadAfter {
                logger.warning("coordinator silent; starting a new session", metadata: ["endpoint": "\(options.endpoint)"])
                try openSession()
            }
        }
        return nil
    }

    private func handle(_ frames: [[UInt8]]) throws -> WorkerExit? {
        guard frames.count == 1 else {
            logger.warning("dropped a message of \(frames.count) frames")
            return nil
        }
        let message: Message
        do {
            message = try MessageCodec.decode(frames[0])
        } catch {
            logger.warning("dropped an undecodable message: \(error)")
            return nil
        }
        lastHeard = now()
        switch message {
        case let .welcome(interval, liveness, runID):
            welcomed = true
            heartbeatInterval = interval
            heartbeatLiveness = liveness
            logger.info("joined run \(runID)", metadata: ["endpoint": "\(options.endpoint)"])
            window = targetWindow()
            try send(.workRequest(credit: window))
        case let .refuse(reason):
            throw WorkerError.refused(reason: reason)
        case let .assignment(trialID, attempt, seed, config):
            held.insert(trialID)
            started[trialID] = now()
            let job = TrainingJob(trialID: trialID, attempt: attempt, seed: seed, config: config)
            batching = job.batchKey != nil && options.maxTrialsPerBatch > 1
            pool.queue.push(job)
        case let .ack(trialID):
            unacknowledged.removeValue(forKey: trialID)
        case .heartbeat:
            break
        case let .shutdown(reason):
            return .shutdown(reason: reason)
        case .hello, .workRequest, .progress, .result, .failure, .bye, .holding:
            logger.warning("dropped an unexpected \(message.type.rawValue) message")
        }
        return nil
    }

    /// A failed handshake with the likely cause on this worker's side.
    private func explain(_ failure: HandshakeFailure) -> String {
        if failure.isMechanismMismatch {
            return "\(failure); " + (options.curve == nil ? "the coordinator requires CURVE keys" : "the coordinator does not use CURVE")
        }
        if case .authentication = failure.cause, let curve = options.curve {
            return "\(failure); the coordinator does not allow this worker's public key \(curve.keys.publicKey)"
        }
        return "\(failure)"
    }

    private func finished(trialID: String, encoded: [UInt8]) throws {
        guard held.remove(trialID) != nil else { return }
        if let start = started.removeValue(forKey: trialID) {
            meanTrialSeconds = 0.8 * meanTrialSeconds + 0.2 * (now() - start)
        }
        if let socket {
            _ = try socket.send([encoded], dontWait: true)
            lastSent = now()
        }
        unacknowledged[trialID] = (encoded, lastSent)
        let extra = max(0, targetWindow() - window)
        window += extra
        try send(.workRequest(credit: 1 + extra))
    }

    /// Enough trials in flight to keep every slot busy plus a prefetch sized so that short
    /// trials do not wait a round trip: about 20 ms of work, between 1 and 64 trials; while
    /// trials come in batches, a full batch per slot. Each
    /// finished trial asks for one more, so the window holds even when the coordinator caps it.
    private func targetWindow() -> Int {
        let prefetch = options.slots + min(64, max(1, Int(0.02 / max(meanTrialSeconds, 1e-6))))
        return batching ? max(prefetch, options.slots * options.maxTrialsPerBatch) : prefetch
    }
}
