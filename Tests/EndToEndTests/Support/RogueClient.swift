import Core
import Wire
import ZeroMQ

/// A DEALER that talks to a coordinator like a worker would, or not: it sends whatever frames it
/// is told to, under a routing id that names it in the coordinator's log.
final class RogueClient {
    let socket: ZMQSocket
    let name: String

    /// Connects a DEALER whose routing id is `name` (printable, so that logs show it as text).
    init(context: ZMQContext, endpoint: String, name: String) throws {
        self.name = name
        socket = try ZMQSocket(context: context, type: .dealer)
        try socket.set(.routingID(Array(name.utf8)))
        try socket.connect(endpoint)
    }

    deinit { socket.close() }

    /// Sends `frames` as one multipart message, blocking until it is queued.
    func send(frames: [[UInt8]]) throws {
        _ = try socket.send(frames)
    }

    /// Sends one message as a single JSON frame.
    func send(_ message: Message) throws {
        try send(frames: [MessageCodec.encode(message)])
    }

    /// The next decodable message within `timeoutMilliseconds`, nil if none came.
    func receive(timeoutMilliseconds: Int) throws -> Message? {
        guard let frames = try socket.receive(timeoutMilliseconds: timeoutMilliseconds), frames.count == 1 else { return nil }
        return try MessageCodec.decode(frames[0])
    }

    /// Receives until a message of `type` arrives or `timeout` passes; returns every message
    /// received, that one last.
    func receive(until type: MessageType, timeout: Duration) throws -> [Message] {
        let deadline = ContinuousClock.now + timeout
        var messages: [Message] = []
        while ContinuousClock.now < deadline {
            guard let message = try receive(timeoutMilliseconds: 50) else { continue }
            messages.append(message)
            if message.type == type { break }
        }
        return messages
    }
}

/// A made-up result that no honest trial produces: any trace of it in a table is the rogue's.
func fabricatedResult() -> TrialResult {
    TrialResult(
        status: .completed, steps: 1, wallSeconds: 0, x: [1e9],
        metrics: ["train_loss": 1e9, "recovery_error": 1e9, "test_mse": 1e9, "l1": 1e9, "nonzeros": 1e9],
        curves: [])
}
