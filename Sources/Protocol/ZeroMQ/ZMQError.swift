import CZeroMQ

/// The one error type of the ZeroMQ library: a failed libzmq call, or a CURVE key file that
/// cannot be used.
public enum ZMQError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A libzmq call failed; `message` is `zmq_strerror(errno)`.
    case zmq(operation: String, errno: Int32, message: String)
    /// A CURVE key file or allow-list directory cannot be used; `reason` says why and what is allowed.
    case keyFile(path: String, reason: String)

    /// Builds a `.zmq` error from the current `zmq_errno()`.
    static func zmqFailure(_ operation: String) -> ZMQError {
        zmqFailure(operation, errno: zmq_errno())
    }

    /// Builds a `.zmq` error for `errno`, with libzmq's text for it.
    static func zmqFailure(_ operation: String, errno: Int32) -> ZMQError {
        .zmq(operation: operation, errno: errno, message: String(cString: zmq_strerror(errno)))
    }

    /// The error as one line that names the operation or file and what went wrong.
    public var description: String {
        switch self {
        case let .zmq(operation, errno, message):
            return "\(operation): \(message) (errno \(errno))"
        case let .keyFile(path, reason):
            return "key file \(path): \(reason)"
        }
    }
}
