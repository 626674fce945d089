import CZeroMQ

/// The ZeroMQ socket types this wrapper supports.
public enum ZMQSocketType: Sendable, CaseIterable {
    /// Routes by peer identity: each received message starts with the sender's routing id frame.
    case router
    /// Load-balances outgoing messages, fair-queues incoming ones; no envelope frames.
    case dealer
    /// One-to-one, typically over `inproc://` between two threads.
    case pair
    /// Strict send/receive alternation client.
    case req
    /// Strict receive/send alternation server.
    case rep
    /// Sends only, round-robin to connected pullers (e.g. training threads reporting results).
    case push
    /// Receives only, fair-queued from pushers.
    case pull

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pair: ZMQ_PAIR
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        }
    }
}
