import Foundation

/// One `ssh` process started by an ``SSHLauncher``, with the log file its stdout and stderr
/// are appended to.
final class SSHSession {
    /// The host the process logs in to.
    let host: SSHHost
    /// The log file; earlier runs' text before ``logOffset`` is not this session's.
    let logPath: String
    private let process: ChildProcess
    private let logOffset: UInt64
    /// The write end of ssh's stdin, or -1 once closed.
    private var input: Int32
    private var started = false
    /// Whether the launcher has reported this session's end.
    var endReported = false

    /// Starts `ssh arguments…` with stdin from a pipe this session holds (see ``closeInput()``)
    /// and output appended to `logPath` (opened for appending, so runs may share it).
    init(host: SSHHost, arguments: [String], logPath: String) throws(CoordinatorError) {
        self.host = host
        self.logPath = logPath
        let log = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw .launcher(what: "open \(logPath)", cause: Self.errnoText()) }
        defer { close(log) }
        logOffset = UInt64(max(0, lseek(log, 0, SEEK_END)))
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .launcher(what: "create a pipe for ssh", cause: Self.errnoText()) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        do {
            process = try ChildProcess(program: "ssh", arguments: arguments, input: ends[0], output: log)
        } catch {
            close(ends[1])
            throw error
        }
        input = ends[1]
    }

    deinit { closeInput() }

    /// Whether the ssh process is still running.
    var isRunning: Bool { process.isRunning }

    /// How the ssh process ended, e.g. `exit status 255`; nil while it runs.
    var ending: String? { process.ending }

    /// True when ssh ended with exit status 0.
    var endedCleanly: Bool { process.exitedCleanly }

    /// Whether the remote script has started the worker (printed ``SSHRemoteCommand/pidMarker``).
    func workerStarted() -> Bool {
        if !started {
            started = logText().split(whereSeparator: \.isNewline).contains { $0.hasPrefix(SSHRemoteCommand.pidMarker) }
        }
        return started
    }

    /// The last `count` non-empty lines this session logged, joined by " / ".
    func lastLines(_ count: Int) -> String {
        let lines = logText().split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.suffix(count).joined(separator: " / ")
    }

    /// Closes ssh's stdin: the remote script then sends SIGTERM to its worker.
    func closeInput() {
        guard input >= 0 else { return }
        close(input)
        input = -1
    }

    /// Sends `signal` to the local ssh process.
    func signal(_ signal: Int32) { process.signal(signal) }

    /// Waits until the ssh process has ended.
    func waitUntilExit() { process.waitUntilExit() }

    private static func errnoText() -> String { "\(String(cString: strerror(errno))) (errno \(errno))" }

    /// What this session appended to the log.
    private func logText() -> String {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return "" }
        defer { try? handle.close() }
        handle.seek(toFileOffset: logOffset)
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }
}
