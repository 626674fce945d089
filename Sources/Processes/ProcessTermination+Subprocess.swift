import Subprocess

extension ProcessTermination {
    /// The ending swift-subprocess reported.
    init(_ status: TerminationStatus) {
        switch status {
        case let .exited(code): self = .exited(status: code)
        case let .signaled(signal): self = .signaled(signal: signal)
        }
    }
}
