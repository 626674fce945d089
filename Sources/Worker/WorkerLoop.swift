import Core
import Foundation
import Logging
import Wire
import ZeroMQ

/// A worker: connects to the coordinator, asks for work, trains on its own threads, heartbeats
/// and reports. Runs on the calling thread, which owns the worker's sockets.
///
/// A thin shell around a ``WorkerSession``: it turns messages and finished trials into events
/// and carries out the directives the session returns.
public final class WorkerLoop {
    let options: WorkerOptions
    let logger: Logger
    private let stop: StopSignal
    /// The context of the coordinator connection only: the training threads' sockets live in a
    /// context of their own, so that when the worker exits this one terminates at once (after the
    /// `bye` left, within its linger) instead of waiting for a trial still training.
    let context: ZMQContext
    let pool: TrainerPool
    /// Runs the command trials; reports through `pool`'s socket.
    let commands: CommandPool
    private let parentPID = getppid()
    private var session: WorkerSession
    var socket: ZMQSocket?
    var monitor: HandshakeMonitor?

    /// Prepares the worker; nothing is sent until `run()`.
    public init(options: WorkerOptions, stop: StopSignal, logger: Logger) throws(WorkerError) {
        self.options = options
        self.stop = stop
        self.logger = logger
        session = WorkerSession(options: options)
        do {
            context = try ZMQContext()
            let trainingContext = try ZMQContext()
            pool = try TrainerPool(
                context: trainingContext, threads: options.slots, name: options.workerID, progressInterval: options.progressInterval,
                batchLimit: options.maxTrialsPerBatch)
            commands = try CommandPool(context: trainingContext, endpoint: pool.endpoint, options: options, logger: logger)
        } catch {
            throw .transport(operation: "start worker", cause: error)
        }
    }

    /// Runs until the coordinator shuts the worker down or a stop is asked for.
    public func run() throws(WorkerError) -> WorkerExit {
        defer {
            socket?.close()
            monitor?.socket.close()
            commands.close()
            pool.close()
        }
        do {
            if let exit = try apply(.started) { return exit }
            while true {
                if stop.isRaised, let exit = try apply(.stopRequested(reason: "stopped by signal")) { return exit }
                if options.exitWithParent && getppid() != parentPID { return .orphaned }
                if let exit = try step() { return exit }
            }
        } catch let error as WorkerError {
            throw error
        } catch let error as ZMQError {
            throw .transport(operation: "worker loop", cause: error)
        } catch {
            throw .transport(operation: "worker loop", cause: .zmq(operation: "\(error)", errno: 0, message: ""))
        }
    }


    /// Hands the event to the session and carries out its directives; the exit, once one is directed.
    private func apply(_ event: WorkerSessionEvent) throws -> WorkerExit? {
        for directive in session.handle(event, now: MonotonicClock.seconds()) {
            if let exit = try execute(directive) { return exit }
        }
        return nil
    }

    /// One turn of the loop: wait briefly for traffic, report it to the session, let time pass.
    private func step() throws -> WorkerExit? {
        guard let socket, let monitor else { return nil }
        let ready = try ZMQPoller(sockets: [socket, pool.socket, monitor.socket]).poll(timeoutMilliseconds: 50)
        if ready.contains(2) {
            for failure in try monitor.pendingFailures() { logger.warning("\(explain(failure))") }
        }
        if ready.contains(0) {
            while let frames = try socket.receive(dontWait: true) {
                if let message = decode(frames), let exit = try apply(WorkerSessionEvent(message: message)) { return exit }
            }
        }
        if ready.contains(1) {
            while let frames = try pool.socket.receive(dontWait: true), frames.count == 3 {
                let trialID = String(decoding: frames[1], as: UTF8.self)
                let event: WorkerSessionEvent = frames[0] == [TrainerPool.Kind.finished.rawValue]
                    ? .trialFinished(trialID: trialID, report: frames[2])
                    : .trialProgressed(trialID: trialID, report: frames[2])
                if let exit = try apply(event) { return exit }
            }
        }
        return try apply(.tick)
    }

    /// The message in a frame from the coordinator, or nil (logged) when it is not one.
    private func decode(_ frames: [[UInt8]]) -> Message? {
        guard frames.count == 1 else {
            logger.warning("dropped a message of \(frames.count) frames")
            return nil
        }
        do {
            return try MessageCodec.decode(frames[0])
        } catch {
            logger.warning("dropped an undecodable message: \(error)")
            return nil
        }
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
}
