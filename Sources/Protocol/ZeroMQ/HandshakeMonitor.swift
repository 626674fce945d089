import CZeroMQ
import Foundation

/// Reports the failed handshakes of one socket (`zmq_socket_monitor` with the
/// `ZMQ_EVENT_HANDSHAKE_FAILED_*` events), e.g. peers without CURVE connecting to a CURVE server.
///
/// The monitor's PAIR socket lives in the monitored socket's context and stays on its thread:
/// poll ``socket`` and call ``pendingFailures()``.
public final class HandshakeMonitor {
    /// The PAIR socket receiving the events; poll it for input.
    public let socket: ZMQSocket

    /// The events reported.
    static let events = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH

    /// Starts monitoring `monitored`; call before it binds or connects to see every handshake.
    public init(monitoring monitored: ZMQSocket) throws(ZMQError) {
        let endpoint = "inproc://mirrorsweep.monitor.\(UUID().uuidString)"
        let h = try monitored.open("zmq_socket_monitor \(endpoint)")
        guard zmq_socket_monitor(h, endpoint, Self.events) == 0 else { throw .zmqFailure("zmq_socket_monitor \(endpoint)") }
        socket = try ZMQSocket(context: monitored.context, type: .pair, lingerMilliseconds: 0)
        try socket.connect(endpoint)
    }

    /// The failures reported since the last call, without blocking.
    public func pendingFailures() throws(ZMQError) -> [HandshakeFailure] {
        var failures: [HandshakeFailure] = []
        while let frames = try socket.receive(dontWait: true) {
            if let failure = Self.decode(frames) { failures.append(failure) }
        }
        return failures
    }

    /// Decodes one event: `[event (uint16) + value (uint32), endpoint]`, native byte order.
    static func decode(_ frames: [[UInt8]]) -> HandshakeFailure? {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        let event = frames[0].withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
        let value = frames[0].withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        let endpoint = String(decoding: frames[1], as: UTF8.self)
        switch Int32(event) {
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: return HandshakeFailure(endpoint: endpoint, cause: .protocolError(code: value))
        case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: return HandshakeFailure(endpoint: endpoint, cause: .authentication(status: value))
        case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: return HandshakeFailure(endpoint: endpoint, cause: .noDetail(errno: value))
        default: return nil
        }
    }
}

/// The monitor's socket must stay on the thread that uses it.
@available(*, unavailable)
extension HandshakeMonitor: Sendable {}
