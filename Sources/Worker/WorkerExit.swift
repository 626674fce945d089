/// How a worker's run ended.
public enum WorkerExit: Hashable, Sendable {
    /// The coordinator said there is no work left.
    case shutdown(reason: String)
    /// A stop was asked for (SIGTERM/SIGINT); held trials were handed back.
    case stopped
    /// The process that started the worker is gone.
    case orphaned
}
