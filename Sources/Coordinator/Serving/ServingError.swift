import Journaling
import ZeroMQ

/// The one error type of the Serving library: the coordinator's socket or its journal failed
/// while it served; each case keeps the error that caused it.
public enum ServingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A ZeroMQ operation of the coordinator failed.
    case transport(operation: String, cause: ZMQError)
    /// Committing to the journal failed; every commit before it is kept.
    case journal(JournalError)

    /// The error as one line that names the operation and its cause.
    public var description: String {
        switch self {
        case let .transport(operation, cause): "\(operation): \(cause)"
        case let .journal(cause): cause.description
        }
    }
}
