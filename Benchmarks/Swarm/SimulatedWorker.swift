import Core
import Foundation
import Wire
import ZeroMQ

/// One worker of the swarm: a DEALER socket and what it has sent and received.
final class SimulatedWorker {
    let id: String
    let socket: ZMQSocket
    /// Set by `welcome`: heartbeats start then.
    var heartbeatInterval: Double?
    var lastHeartbeat = 0.0
    /// The reason of the first `shutdown` received, if any.
    var shutdownReason: String?
    /// When each unacknowledged result was sent, by trial id.
    var resultSentAt: [String: Double] = [:]

    /// Opens the socket with routing id `id`, connects it to `endpoint` and says hello.
    init(id: String, context: ZMQContext, endpoint: String) throws(ZMQError) {
        self.id = id
        socket = try ZMQSocket(context: context, type: .dealer)
        try socket.set(.routingID(Array(id.utf8)))
        try socket.connect(endpoint)
        try send(.hello(workerID: id, version: protocolVersion, slots: 1, host: "localhost", pid: getpid()))
    }

    func send(_ message: Message) throws(ZMQError) {
        try socket.send([MessageCodec.encode(message)])
    }

    /// Answers one message from the coordinator, updating `stats`; `now` is the monotonic clock.
    func handle(_ message: Message, now: Double, stats: inout SwarmStats) throws {
        switch message {
        case let .welcome(interval, _, _):
            heartbeatInterval = interval
            lastHeartbeat = now
            try send(.workRequest(credit: 1))
        case let .assignment(trialID, attempt, seed, .core(config)):
            let result = try runTrial(config, seed: seed)
            resultSentAt[trialID] = SwarmClock.now()
            try send(.result(trialID: trialID, attempt: attempt, result: result))
            stats.resultsSent += 1
            try send(.workRequest(credit: 1))
        case let .assignment(trialID, attempt, _, .command):
            try send(.failure(trialID: trialID, attempt: attempt, message: "the swarm runs core trials only"))
            try send(.workRequest(credit: 1))
        case let .ack(trialID):
            if let sent = resultSentAt.removeValue(forKey: trialID) {
                stats.latencies.append(now - sent)
                stats.lastAck = now
            }
        case .heartbeat:
            stats.heartbeatsReceived += 1
        case let .shutdown(reason):
            shutdownReason = shutdownReason ?? reason
        case let .refuse(reason):
            throw SwarmError.serve("worker \(id) refused: \(reason)")
        case .hello, .workRequest, .progress, .result, .failure, .bye, .holding:
            stats.unexpected += 1
        }
    }

    /// Sends its heartbeat, the list of trials it holds (results not yet acked), as a real worker
    /// does, when one interval has passed since the last; true when it did.
    func heartbeatIfDue(now: Double) throws(ZMQError) -> Bool {
        guard shutdownReason == nil, let interval = heartbeatInterval, now - lastHeartbeat >= interval else { return false }
        lastHeartbeat = now
        try send(.holding(trialIDs: Array(resultSentAt.keys)))
        return true
    }
}
