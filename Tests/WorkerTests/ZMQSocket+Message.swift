import Wire
import ZeroMQ

extension ZMQSocket {
    /// Sends `message` to the peer at `route`, the first frame of what a ROUTER received from it.
    func send(_ message: Message, to route: [UInt8]) throws {
        try send([route, MessageCodec.encode(message)])
    }
}
