import Foundation
import Wire
import ZeroMQ

/// How the shell carries out the session's directives; sockets stay on the loop's thread.
extension WorkerLoop {
    /// Carries out one directive; the exit when it ends the run.
    func execute(_ directive: WorkerSessionDirective) throws -> WorkerExit? {
        switch directive {
        case let .openConnection(number):
            try openConnection(session: number)
        case .sendHello:
            try send(.hello(
                workerID: options.workerID, version: protocolVersion, slots: options.slots,
                host: ProcessInfo.processInfo.hostName, pid: getpid()))
        case let .requestWork(credit):
            try send(.workRequest(credit: credit))
        case let .sendHolding(trialIDs):
            try send(.holding(trialIDs: trialIDs))
        case .sendReport(_, let report), .sendProgress(_, let report):
            _ = try socket?.send([report], dontWait: true)
        case let .startTraining(job):
            switch job.work {
            case let .core(config): pool.queue.push(job, config: config)
            case let .command(trial): commands.start(job, trial)
            }
        case let .sendBye(reason):
            _ = pool.queue.drain()
            commands.abandonAll()
            try? socket?.set(.linger(milliseconds: 2000))
            try? send(.bye(reason: reason))
        case let .exit(exit):
            return exit
        case let .refused(reason):
            throw WorkerError.refused(reason: reason)
        case let .log(level, message):
            logger.log(level: level, "\(message)", metadata: ["endpoint": "\(options.endpoint)"])
        }
        return nil
    }

    /// A fresh DEALER socket whose routing id names the session, dropping trials not yet started
    /// and ending the command trials still running.
    private func openConnection(session number: Int) throws {
        socket?.close()
        monitor?.socket.close()
        let s = try ZMQSocket(context: context, type: .dealer)
        try s.set(.routingID(Array("\(options.workerID)/\(getpid())/\(number)".utf8)))
        try s.set(.reconnectInterval(milliseconds: 100))
        try s.set(.reconnectIntervalMax(milliseconds: Int(options.maxReconnectDelay * 1000)))
        try s.set(.maxMessageSize(bytes: MessageCodec.defaultMaxMessageSize))
        if let curve = options.curve { try s.makeCurveClient(curve) }
        let m = try HandshakeMonitor(monitoring: s)
        try s.connect(options.endpoint)
        socket = s
        monitor = m
        _ = pool.queue.drain()
        commands.abandonAll()
    }

    private func send(_ message: Message) throws {
        _ = try socket?.send([MessageCodec.encode(message)], dontWait: true)
    }
}
