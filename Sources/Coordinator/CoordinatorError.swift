/// The one error type of the Coordinator library.
public enum CoordinatorError: Error, Sendable {
    case notImplemented
}
