import Processes

extension LauncherError {
    /// A process that could not be started or followed, as a launcher error naming its program.
    init(_ error: ProcessError) {
        switch error {
        case let .launch(program, errno, reason):
            let number = errno.map { " (errno \($0))" } ?? ""
            self = .launcher(what: "start \(program)", cause: reason.contains("errno") ? reason : reason + number)
        default:
            self = .launcher(what: "run a process", cause: error.description)
        }
    }
}
