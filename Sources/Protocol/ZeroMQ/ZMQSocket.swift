import CZeroMQ

/// One ZeroMQ socket. Not thread-safe: create, use and close it on one thread.
///
/// The socket holds a strong reference to its context, so the context stays alive until every
/// socket made from it is closed. `close()` is idempotent and also runs in `deinit`; any call
/// after it throws `ENOTSOCK`.
public final class ZMQSocket {
    /// The context the socket was created from.
    public let context: ZMQContext
    /// The socket's type.
    public let type: ZMQSocketType
    /// The libzmq socket, nil once closed.
    private(set) var handle: UnsafeMutableRawPointer?

    /// The linger applied at creation unless another is given: pending messages are dropped
    /// 100 ms after `close()` so that closing (and terminating the context) never hangs.
    public static let defaultLingerMilliseconds = 100

    /// Creates a socket of `type` in `context` and sets its linger.
    public init(
        context: ZMQContext, type: ZMQSocketType, lingerMilliseconds: Int = ZMQSocket.defaultLingerMilliseconds
    ) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw .zmqFailure("zmq_socket(\(type))")
        }
        self.context = context
        self.type = type
        self.handle = handle
        try set(.linger(milliseconds: lingerMilliseconds))
    }

    deinit {
        close()
    }

    /// Whether `close()` has run.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket; messages still queued are kept for at most the linger period.
    public func close() {
        guard let h = handle else { return }
        zmq_close(h)
        handle = nil
    }

    /// Accepts connections on `endpoint`, e.g. `tcp://127.0.0.1:*` (a free port; see `lastEndpoint()`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        let h = try open("bind \(endpoint)")
        guard zmq_bind(h, endpoint) == 0 else { throw .zmqFailure("bind \(endpoint)") }
    }

    /// Stops accepting connections on an endpoint given to `bind` (the resolved one for `*` ports).
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let h = try open("unbind \(endpoint)")
        guard zmq_unbind(h, endpoint) == 0 else { throw .zmqFailure("unbind \(endpoint)") }
    }

    /// Connects to `endpoint`; libzmq connects (and reconnects) in the background.
    public func connect(_ endpoint: String) throws(ZMQError) {
        let h = try open("connect \(endpoint)")
        guard zmq_connect(h, endpoint) == 0 else { throw .zmqFailure("connect \(endpoint)") }
    }

    /// Drops the connection to an endpoint given to `connect`.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let h = try open("disconnect \(endpoint)")
        guard zmq_disconnect(h, endpoint) == 0 else { throw .zmqFailure("disconnect \(endpoint)") }
    }

    /// The handle of an open socket, or `ENOTSOCK` naming `operation`.
    func open(_ operation: @autoclosure () -> String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let h = handle else { throw .zmqFailure(operation(), errno: ENOTSOCK) }
        return h
    }
}

/// A socket must stay on the thread that uses it.
@available(*, unavailable)
extension ZMQSocket: Sendable {}
