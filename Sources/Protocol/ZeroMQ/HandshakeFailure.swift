import CZeroMQ

/// A connection whose ZMTP handshake failed, as reported by a ``HandshakeMonitor``.
public struct HandshakeFailure: Sendable, Equatable, CustomStringConvertible {
    /// Why the handshake failed.
    public enum Cause: Sendable, Equatable {
        /// A protocol error; `code` is one of libzmq's `ZMQ_PROTOCOL_ERROR_*` values.
        case protocolError(code: UInt32)
        /// The authentication (ZAP) refused the peer; `status` is the ZAP status code, e.g. 400.
        case authentication(status: UInt32)
        /// The connection broke during the handshake; `errno` says how.
        case noDetail(errno: UInt32)
    }

    /// The connection's endpoint as libzmq reports it: on a server the local address and port the
    /// peer reached (e.g. `tcp://127.0.0.1:5555` for a socket bound to `tcp://0.0.0.0:5555`), on a
    /// client the endpoint it connected to. libzmq does not report a server's peer address.
    public var endpoint: String
    /// Why it failed.
    public var cause: Cause

    /// Records one failure.
    public init(endpoint: String, cause: Cause) {
        self.endpoint = endpoint
        self.cause = cause
    }

    /// Whether the two sides disagree on the security mechanism (one uses CURVE, the other not).
    public var isMechanismMismatch: Bool { cause == .protocolError(code: UInt32(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH)) }

    /// The failure as one line naming the endpoint and the likely reason.
    public var description: String {
        "handshake on \(endpoint) failed: " + reason
    }

    private var reason: String {
        switch cause {
        case let .protocolError(code) where Int32(bitPattern: code) == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
            return "security mechanism mismatch (one side uses CURVE, the other does not)"
        case let .protocolError(code) where Int32(bitPattern: code) == ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC:
            return "CURVE cryptographic error (the client does not use this server's public key)"
        case let .protocolError(code):
            return "ZMTP protocol error 0x\(String(code, radix: 16))"
        case let .authentication(status):
            return "authentication refused (ZAP status \(status))"
        case let .noDetail(errno):
            return "the connection broke during the handshake (\(String(cString: zmq_strerror(Int32(bitPattern: errno))))); "
                + "the peer may not use CURVE"
        }
    }
}
