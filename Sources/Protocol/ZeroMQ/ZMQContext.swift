import CZeroMQ

/// A libzmq context: owns the I/O threads that every socket created from it uses.
///
/// A context is thread-safe, so it may be shared across threads. Each `ZMQSocket` keeps a strong
/// reference to its context, so the context is terminated (in `deinit`) only after all of its
/// sockets have been closed and released; termination therefore never blocks on an open socket.
public final class ZMQContext: Sendable {
    /// The `void *` returned by `zmq_ctx_new`; libzmq allows any thread to use it.
    nonisolated(unsafe) let handle: UnsafeMutableRawPointer

    /// Creates a context with libzmq's defaults (one I/O thread).
    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw .zmqFailure("zmq_ctx_new") }
        self.handle = handle
    }

    /// Makes every blocking call on this context's sockets return `ETERM` now, from any thread.
    ///
    /// Use it to stop a thread that is blocked in a receive; the sockets must still be closed.
    public func shutdown() {
        zmq_ctx_shutdown(handle)
    }

    deinit {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
