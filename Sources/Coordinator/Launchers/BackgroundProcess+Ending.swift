import Foundation
import Processes

extension ProcessTermination {
    /// How a launched process ended as the launchers' messages word it: `exit status 255`,
    /// `killed by signal 9`.
    var ending: String {
        switch self {
        case let .exited(status): "exit status \(status)"
        case let .signaled(signal): "killed by signal \(signal)"
        }
    }
}

extension BackgroundProcess.State {
    /// How the process ended (see ``ProcessTermination/ending``); nil while it runs.
    var ending: String? {
        switch self {
        case .running: nil
        case let .ended(termination): termination.ending
        case let .lost(error): "ended with an unknown status (\(error))"
        }
    }

    /// Whether SIGKILL ended the process: it was killed from outside (the OOM killer, a user).
    var killedBySIGKILL: Bool { self == .ended(.signaled(signal: SIGKILL)) }
}
