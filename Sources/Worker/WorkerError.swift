import ZeroMQ
/// The one error type of the Worker library.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    /// The coordinator refused this worker (e.g. a protocol version mismatch).
    case refused(reason: String)
    /// A ZeroMQ operation failed.
    case transport(operation: String, cause: ZMQError)
    /// A command trial's result or progress line is malformed; `reason` names the field.
    case invalidCommandOutput(reason: String)
    /// A command trial's attempt could not be prepared (its directory or config file).
    case commandSetup(path: String, reason: String)

    public var description: String {
        switch self {
        case let .refused(reason): return "the coordinator refused this worker: \(reason)"
        case let .transport(operation, cause): return "\(operation): \(cause)"
        case let .invalidCommandOutput(reason): return reason
        case let .commandSetup(path, reason): return "cannot prepare the attempt at \(path): \(reason)"
        }
    }
}
