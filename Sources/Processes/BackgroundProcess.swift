import Dispatch
import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started without waiting for it and checked on from synchronous code: whether it
/// still runs, how it ended, one signal at a time.
///
/// Built on swift-subprocess, as ``ProcessGroup`` is: the program leads a process group of its
/// own (a Ctrl-C at the terminal reaches only this process, which then stops its children in
/// order), starts with default signal handlers and an empty signal mask, and inherits no
/// descriptor of this process but its standard input, output and error. Nothing here needs a
/// thread of Swift's global concurrent pool: swift-subprocess runs on ``ThreadExecutor``'s thread,
/// and ``ExitWatcher``'s thread records the ending before swift-subprocess may reap the program.
/// Unlike ``ProcessGroup``, nothing ends the processes the program leaves behind.
public final class BackgroundProcess: Sendable {
    /// What runs.
    public let configuration: ProcessConfiguration
    /// The program's pid, which is also its process group's id.
    public let pid: pid_t
    private let record: ProcessRecord

    /// Whether the program runs, or how it ended.
    public enum State: Hashable, Sendable {
        /// It runs.
        case running
        /// It ended so.
        case ended(ProcessTermination)
        /// It ended, but how could not be learnt.
        case lost(ProcessError)
    }

    /// Starts `configuration` and returns once it runs, or throws ``ProcessError/launch(program:errno:reason:)``.
    /// Its standard input reads the descriptor `input` (`/dev/null` when nil), its standard output
    /// writes to `output` and its standard error to `error` (`output` when nil); the descriptors
    /// stay open and the caller's.
    public init(_ configuration: ProcessConfiguration, input: Int32? = nil, output: Int32, error: Int32? = nil) throws(ProcessError) {
        self.configuration = configuration
        let program = configuration.program
        guard let executable = configuration.executablePath else { throw configuration.notFound }
        let standardInput = input ?? open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard standardInput >= 0 else {
            throw .launch(program: program, errno: errno, reason: "cannot open /dev/null: \(String(cString: strerror(errno)))")
        }
        defer { if input == nil { close(standardInput) } }
        let record = ProcessRecord()
        var options = PlatformOptions()
        options.processGroupID = 0
        let environment = configuration.subprocessEnvironment
        let arguments = Arguments(Array(configuration.arguments.dropFirst()))
        let workingDirectory = configuration.workingDirectory.map { FilePath($0) }
        Task(executorPreference: ThreadExecutor.shared) {
            do {
                _ = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: arguments, environment: environment, workingDirectory: workingDirectory,
                    platformOptions: options,
                    input: .fileDescriptor(FileDescriptor(rawValue: standardInput), closeAfterSpawningProcess: false),
                    output: .fileDescriptor(FileDescriptor(rawValue: output), closeAfterSpawningProcess: false),
                    error: .fileDescriptor(FileDescriptor(rawValue: error ?? output), closeAfterSpawningProcess: false)
                ) { execution in
                    let identifier = execution.processIdentifier
                    #if os(Linux)
                    let descriptor = identifier.processDescriptor >= 0 ? fcntl(identifier.processDescriptor, F_DUPFD_CLOEXEC, 0) : -1
                    #else
                    let descriptor: Int32 = -1
                    #endif
                    record.launched(.success(identifier.value))
                    // swift-subprocess reaps the program only after this closure returns.
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        ExitWatcher.shared.watch(pid: identifier.value, descriptor: descriptor, program: program) { state in
                            record.ended(state)
                            continuation.resume()
                        }
                    }
                }
            } catch {
                let errno = (error as? SubprocessError)?.underlyingError.map { $0.rawValue }
                record.launched(.failure(.launch(program: program, errno: errno, reason: "\(error)")))
                record.ended(.lost(.monitor(program: program, reason: "\(error)")))
            }
        }
        switch record.waitForLaunch() {
        case let .success(pid):
            self.pid = pid
            self.record = record
        case let .failure(failure):
            throw failure
        }
    }

    /// Whether the program runs, or how it ended; never blocks.
    public var state: State { record.end }

    /// Whether the program still runs.
    public var isRunning: Bool { state == .running }

    /// How the program ended; nil while it runs or when that is unknown (``State/lost(_:)``).
    public var termination: ProcessTermination? {
        guard case let .ended(termination) = state else { return nil }
        return termination
    }

    /// Sends `signal` to the program (not to its group) while it runs.
    public func signal(_ signal: Int32) {
        record.whileRunning { _ = kill(pid, signal) }
    }

    /// Blocks until the program has ended, or until `timeout` has passed (then returns
    /// ``State/running``); returns its state.
    @discardableResult
    public func wait(timeout: Duration? = nil) -> State {
        let deadline = timeout.map { timeout in
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = min(max(0, seconds), 1 << 32) * 1_000_000_000 + max(0, attoseconds) / 1_000_000_000
            return DispatchTime.now() + .nanoseconds(Int(nanoseconds))
        }
        return record.waitForEnd(deadline: deadline)
    }
}
