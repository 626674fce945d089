import Foundation
import Processes

/// One `ssh` process started by an ``SSHLauncher``, with the log file its stdout and stderr
/// are appended to.
final class SSHSession {
    /// The host the process logs in to.
    let host: SSHHost
    /// The log file; the text before ``logOffset`` is not this session's.
    let logPath: String
    /// True when this session replaces an earlier worker of its host.
    let replacing: Bool
    /// Whether the launcher has told its supervisor that this session's worker started.
    var reportedStarted = false
    private let process: BackgroundProcess
    private let logOffset: UInt64
    private let spawned = ContinuousClock.now
    /// The write end of ssh's stdin, or -1 once closed.
    private var input: Int32
    private var started = false

    /// Starts `ssh arguments…` with stdin from a pipe this session holds (see ``closeInput()``)
    /// and output appended to `logPath`, after `header` when given.
    init(host: SSHHost, arguments: [String], logPath: String, header: String?, replacing: Bool) throws(LauncherError) {
        self.host = host
        self.logPath = logPath
        self.replacing = replacing
        let (log, offset) = try LogFile.openForAppending(logPath)
        defer { close(log) }
        if let header {
            _ = (header + "\n").withCString { write(log, $0, strlen($0)) }
            logOffset = UInt64(max(0, lseek(log, 0, SEEK_END)))
        } else {
            logOffset = offset
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw .launcher(what: "create a pipe for ssh", cause: "\(String(cString: strerror(errno))) (errno \(errno))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        do {
            process = try BackgroundProcess(ProcessConfiguration(arguments: ["ssh"] + arguments), input: ends[0], output: log)
        } catch {
            close(ends[1])
            throw LauncherError(error)
        }
        input = ends[1]
    }

    deinit { closeInput() }

    /// Whether the ssh process is still running.
    var isRunning: Bool { process.isRunning }

    /// How the ssh process ended, e.g. `exit status 255`; nil while it runs.
    var ending: String? { process.state.ending }

    /// Seconds since ssh was started.
    var age: Double {
        let elapsed = ContinuousClock.now - spawned
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Whether the remote script has started the worker (printed ``SSHRemoteCommand/pidMarker``).
    func workerStarted() -> Bool {
        if !started {
            started = logText().split(whereSeparator: \.isNewline).contains { $0.hasPrefix(SSHRemoteCommand.pidMarker) }
        }
        return started
    }

    /// The last `count` non-empty lines this session logged, joined by " / ".
    func lastLines(_ count: Int) -> String {
        LogFile.lastLines(path: logPath, from: logOffset, count: count)
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
    func waitUntilExit() { process.wait() }

    /// The first 64 KiB this session appended to the log.
    private func logText() -> String {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return "" }
        defer { try? handle.close() }
        handle.seek(toFileOffset: logOffset)
        return String(decoding: handle.readData(ofLength: 65536), as: UTF8.self)
    }
}
