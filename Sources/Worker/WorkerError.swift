import ZeroMQ
/// The one error type of the Worker library.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    /// The coordinator refused this worker (e.g. a protocol version mismatch).
    case refused(reason: String)
    /// A ZeroMQ operation failed.
    case transport(operation: String, cause: ZMQError)

    public var description: String {
        switch self {
        case let .refused(reason): return "the coordinator refused this worker: \(reason)"
        case let .transport(operation, cause): return "\(operation): \(cause)"
        }
    }
}
