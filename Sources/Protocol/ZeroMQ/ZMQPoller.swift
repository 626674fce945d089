import CZeroMQ

/// Waits until any of a fixed set of sockets has a message to receive (`zmq_poll` with `ZMQ_POLLIN`).
///
/// Like its sockets, a poller stays on one thread. Build it once and poll it in a loop.
public final class ZMQPoller {
    /// The polled sockets; `poll` answers with indices into this array.
    public let sockets: [ZMQSocket]
    private var items: [zmq_pollitem_t]

    /// A poller over `sockets`, which must stay open while it is used.
    public init(sockets: [ZMQSocket]) {
        self.sockets = sockets
        items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
    }

    /// Waits up to `timeoutMilliseconds` (0 returns at once, -1 waits forever) and returns the indices
    /// of the sockets that can receive, in ascending order: empty on timeout or when a signal
    /// interrupted the wait.
    public func poll(timeoutMilliseconds: Int) throws(ZMQError) -> [Int] {
        for (i, socket) in sockets.enumerated() where socket.isClosed {
            throw .zmqFailure("poll socket \(i)", errno: ENOTSOCK)
        }
        let count = Int32(items.count)
        let rc = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, timeoutMilliseconds) }
        if rc < 0 {
            let e = zmq_errno()
            if e == EINTR { return [] }
            throw .zmqFailure("poll", errno: e)
        }
        guard rc > 0 else { return [] }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }
}

/// A poller must stay on the thread that uses its sockets.
@available(*, unavailable)
extension ZMQPoller: Sendable {}
