/// How a program ended.
public enum ProcessTermination: Hashable, Sendable, CustomStringConvertible {
    /// It exited with this status.
    case exited(status: Int32)
    /// A signal ended it.
    case signaled(signal: Int32)

    /// Whether it exited with status 0.
    public var isSuccess: Bool { self == .exited(status: 0) }

    /// `exited with status 3`, `killed by signal 9 (SIGKILL)`.
    public var description: String {
        switch self {
        case let .exited(status): "exited with status \(status)"
        case let .signaled(signal): "killed by signal \(signal)" + (Self.signalNames[signal].map { " (\($0))" } ?? "")
        }
    }

    /// The names of the Linux signals a program commonly dies of.
    static let signalNames: [Int32: String] = [
        1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
        9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
        24: "SIGXCPU", 25: "SIGXFSZ", 31: "SIGSYS",
    ]
}
