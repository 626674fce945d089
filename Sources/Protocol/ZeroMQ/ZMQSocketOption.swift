import CZeroMQ

/// A socket option and its value, for `ZMQSocket.set(_:)`. Durations are in milliseconds.
public enum ZMQSocketOption: Sendable, Hashable {
    /// ZMQ_LINGER: how long unsent messages are kept after `close()`; -1 forever, 0 drop at once.
    case linger(milliseconds: Int)
    /// ZMQ_ROUTER_MANDATORY (ROUTER only): sending to an unknown routing id fails with `EHOSTUNREACH`
    /// instead of being dropped silently.
    case routerMandatory(Bool)
    /// ZMQ_ROUTING_ID: the identity a DEALER presents to a ROUTER (1–255 bytes); set before connecting.
    case routingID([UInt8])
    /// ZMQ_MAXMSGSIZE: a peer sending a larger message is disconnected; -1 for no limit.
    case maxMessageSize(bytes: Int)
    /// ZMQ_SNDHWM: messages queued per peer before sends block or fail with `EAGAIN`; 0 for no limit.
    case sendHighWaterMark(Int)
    /// ZMQ_RCVHWM: messages queued per peer on receive; 0 for no limit.
    case receiveHighWaterMark(Int)
    /// ZMQ_HEARTBEAT_IVL: interval of ZMTP PING frames on each connection; 0 disables them.
    case heartbeatInterval(milliseconds: Int)
    /// ZMQ_HEARTBEAT_TTL: how long the remote peer waits for traffic before dropping the connection.
    case heartbeatTTL(milliseconds: Int)
    /// ZMQ_HEARTBEAT_TIMEOUT: how long to wait for a PONG (or any traffic) before dropping the connection.
    case heartbeatTimeout(milliseconds: Int)
    /// ZMQ_RECONNECT_IVL: first delay before reconnecting; -1 never reconnects.
    case reconnectInterval(milliseconds: Int)
    /// ZMQ_RECONNECT_IVL_MAX: the cap of the exponential reconnect back-off; 0 keeps `reconnectInterval`.
    case reconnectIntervalMax(milliseconds: Int)
    /// ZMQ_IMMEDIATE: queue messages only on completed connections.
    case immediate(Bool)
    /// ZMQ_RCVTIMEO: a blocking `receive()` returns nil after this long; -1 waits forever.
    case receiveTimeout(milliseconds: Int)
    /// ZMQ_SNDTIMEO: a blocking `send` returns false after this long; -1 waits forever.
    case sendTimeout(milliseconds: Int)
    /// ZMQ_CURVE_SERVER: the socket acts as CURVE server (set `curveSecretKey` too).
    case curveServer(Bool)
    /// ZMQ_CURVE_PUBLICKEY: this side's long-term public key, 40-character Z85.
    case curvePublicKey(String)
    /// ZMQ_CURVE_SECRETKEY: this side's long-term secret key, 40-character Z85.
    case curveSecretKey(String)
    /// ZMQ_CURVE_SERVERKEY (clients): the server's public key, 40-character Z85.
    case curveServerKey(String)
    /// ZMQ_ZAP_DOMAIN: the authentication domain passed to a ZAP handler.
    case zapDomain(String)

    /// The libzmq option name, for error messages.
    public var name: String {
        switch self {
        case .linger: "ZMQ_LINGER"
        case .routerMandatory: "ZMQ_ROUTER_MANDATORY"
        case .routingID: "ZMQ_ROUTING_ID"
        case .maxMessageSize: "ZMQ_MAXMSGSIZE"
        case .sendHighWaterMark: "ZMQ_SNDHWM"
        case .receiveHighWaterMark: "ZMQ_RCVHWM"
        case .heartbeatInterval: "ZMQ_HEARTBEAT_IVL"
        case .heartbeatTTL: "ZMQ_HEARTBEAT_TTL"
        case .heartbeatTimeout: "ZMQ_HEARTBEAT_TIMEOUT"
        case .reconnectInterval: "ZMQ_RECONNECT_IVL"
        case .reconnectIntervalMax: "ZMQ_RECONNECT_IVL_MAX"
        case .immediate: "ZMQ_IMMEDIATE"
        case .receiveTimeout: "ZMQ_RCVTIMEO"
        case .sendTimeout: "ZMQ_SNDTIMEO"
        case .curveServer: "ZMQ_CURVE_SERVER"
        case .curvePublicKey: "ZMQ_CURVE_PUBLICKEY"
        case .curveSecretKey: "ZMQ_CURVE_SECRETKEY"
        case .curveServerKey: "ZMQ_CURVE_SERVERKEY"
        case .zapDomain: "ZMQ_ZAP_DOMAIN"
        }
    }

    /// The option id and how its value is passed to `zmq_setsockopt`.
    fileprivate var raw: (option: Int32, value: RawValue) {
        switch self {
        case let .linger(ms): (ZMQ_LINGER, .int(ms))
        case let .routerMandatory(on): (ZMQ_ROUTER_MANDATORY, .int(on ? 1 : 0))
        case let .routingID(id): (ZMQ_ROUTING_ID, .bytes(id))
        case let .maxMessageSize(bytes): (ZMQ_MAXMSGSIZE, .int64(Int64(bytes)))
        case let .sendHighWaterMark(n): (ZMQ_SNDHWM, .int(n))
        case let .receiveHighWaterMark(n): (ZMQ_RCVHWM, .int(n))
        case let .heartbeatInterval(ms): (ZMQ_HEARTBEAT_IVL, .int(ms))
        case let .heartbeatTTL(ms): (ZMQ_HEARTBEAT_TTL, .int(ms))
        case let .heartbeatTimeout(ms): (ZMQ_HEARTBEAT_TIMEOUT, .int(ms))
        case let .reconnectInterval(ms): (ZMQ_RECONNECT_IVL, .int(ms))
        case let .reconnectIntervalMax(ms): (ZMQ_RECONNECT_IVL_MAX, .int(ms))
        case let .immediate(on): (ZMQ_IMMEDIATE, .int(on ? 1 : 0))
        case let .receiveTimeout(ms): (ZMQ_RCVTIMEO, .int(ms))
        case let .sendTimeout(ms): (ZMQ_SNDTIMEO, .int(ms))
        case let .curveServer(on): (ZMQ_CURVE_SERVER, .int(on ? 1 : 0))
        case let .curvePublicKey(key): (ZMQ_CURVE_PUBLICKEY, .string(key))
        case let .curveSecretKey(key): (ZMQ_CURVE_SECRETKEY, .string(key))
        case let .curveServerKey(key): (ZMQ_CURVE_SERVERKEY, .string(key))
        case let .zapDomain(domain): (ZMQ_ZAP_DOMAIN, .string(domain))
        }
    }

    fileprivate enum RawValue {
        case int(Int)
        case int64(Int64)
        case bytes([UInt8])
        /// Passed without a terminating NUL: libzmq takes a 40-byte Z85 key as such, and would keep
        /// a NUL inside string options such as the ZAP domain.
        case string(String)
    }
}

extension ZMQSocket {
    /// Sets one option; the error names the option and libzmq's reason (e.g. `EINVAL` for a bad key).
    public func set(_ option: ZMQSocketOption) throws(ZMQError) {
        let operation = "setsockopt \(option.name)"
        let h = try open(operation)
        let (id, value) = option.raw
        let rc: Int32
        switch value {
        case let .int(v):
            guard let v32 = Int32(exactly: v) else { throw .zmqFailure(operation, errno: EINVAL) }
            var x = v32
            rc = zmq_setsockopt(h, id, &x, MemoryLayout<Int32>.size)
        case let .int64(v):
            var x = v
            rc = zmq_setsockopt(h, id, &x, MemoryLayout<Int64>.size)
        case let .bytes(bytes):
            rc = bytes.withUnsafeBytes { zmq_setsockopt(h, id, $0.baseAddress, $0.count) }
        case let .string(text):
            let utf8 = Array(text.utf8)
            rc = utf8.withUnsafeBytes { zmq_setsockopt(h, id, $0.baseAddress, $0.count) }
        }
        guard rc == 0 else { throw .zmqFailure(operation) }
    }

    /// The endpoint last bound or connected, with a `*` port resolved, e.g. `tcp://127.0.0.1:41235`.
    public func lastEndpoint() throws(ZMQError) -> String {
        let operation = "getsockopt ZMQ_LAST_ENDPOINT"
        let h = try open(operation)
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(h, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { throw .zmqFailure(operation) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
