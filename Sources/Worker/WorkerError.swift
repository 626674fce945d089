/// The one error type of the Worker library.
public enum WorkerError: Error, Sendable {
    case notImplemented
}
