/// Why the dashboard could not start, or could not read the journal.
public enum DashboardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--dashboard` value is not `[ADDRESS:]PORT`.
    case invalidAddress(given: String)
    /// The HTTP server could not listen on `address`.
    case cannotListen(address: String, cause: String)
    /// A snapshot of the run directory's journal could not be taken.
    case snapshot(runDirectory: String, cause: String)

    public var description: String {
        switch self {
        case let .invalidAddress(given):
            return "--dashboard \(given): expected [ADDRESS:]PORT with PORT 0…65535 (0: any free port), "
                + "e.g. 8080, 127.0.0.1:8080, [::1]:8080 or 0.0.0.0:8080"
        case let .cannotListen(address, cause):
            return "the dashboard cannot listen on \(address): \(cause)"
        case let .snapshot(runDirectory, cause):
            return "the dashboard cannot read the journal of \(runDirectory): \(cause)"
        }
    }
}
