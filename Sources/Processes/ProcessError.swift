/// The one error type of the Processes library.
public enum ProcessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The program could not be started; `errno` when the system said why.
    case launch(program: String, errno: Int32?, reason: String)
    /// Reading the program's output failed.
    case output(stream: StandardStream, reason: String)
    /// ``ProcessGroup/end()`` came before ``ProcessGroup/run(maxLineLength:line:)``: nothing was started.
    case endedBeforeLaunch(program: String)
    /// A ``BackgroundProcess`` ended, but how could not be learnt.
    case monitor(program: String, reason: String)

    public var description: String {
        switch self {
        case let .launch(program, _, reason): "cannot start \(program): \(reason)"
        case let .output(stream, reason): "reading \(stream.rawValue) failed: \(reason)"
        case let .endedBeforeLaunch(program): "\(program) was not started: it was ended first"
        case let .monitor(program, reason): "lost track of \(program): \(reason)"
        }
    }
}
