import Foundation
import Processes

/// What a finished process printed and how it ended.
struct ProcessOutput: Sendable {
    /// The exit status, or the signal number when `signaled` is true.
    let status: Int32
    /// True when a signal ended the process.
    let signaled: Bool
    let stdout: String
    let stderr: String

    /// True when the process exited by itself with status 0.
    var succeeded: Bool { !signaled && status == 0 }
}

/// Why running the `mirrorsweep` binary failed.
enum MirrorSweepBinaryError: Error, CustomStringConvertible {
    /// No executable was found; `searched` lists the paths tried.
    case notFound(searched: [String])
    /// The process outlived its timeout and was killed; the output is what it printed until then.
    case timedOut(arguments: [String], seconds: Double, output: ProcessOutput)

    var description: String {
        switch self {
        case let .notFound(searched):
            return "no mirrorsweep executable; build it with `swift build` or set MIRRORSWEEP_BIN. Tried: "
                + searched.joined(separator: ", ")
        case let .timedOut(arguments, seconds, output):
            return "mirrorsweep \(arguments.joined(separator: " ")) ran longer than \(seconds) s; stdout: \(output.stdout) stderr: \(output.stderr)"
        }
    }
}

/// A `mirrorsweep` process started by ``MirrorSweepBinary/start(_:environment:)``.
///
/// Its stdout and stderr go to files, so a chatty process never blocks on a full pipe and the
/// output so far can be read at any time.
final class LaunchedProcess {
    private let process: BackgroundProcess
    let arguments: [String]
    private let stdoutURL: URL
    private let stderrURL: URL

    fileprivate init(process: BackgroundProcess, arguments: [String], stdoutURL: URL, stderrURL: URL) {
        self.process = process
        self.arguments = arguments
        self.stdoutURL = stdoutURL
        self.stderrURL = stderrURL
    }

    deinit {
        killAndReap()
        try? FileManager.default.removeItem(at: stdoutURL.deletingLastPathComponent())
    }

    /// The process id.
    var pid: Int32 { process.pid }

    /// What the process has printed on stdout so far.
    var stdoutSoFar: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }

    /// What the process has printed on stderr so far.
    var stderrSoFar: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }

    /// Kills the process with SIGKILL and reaps it.
    func killAndReap() {
        process.signal(SIGKILL)
        process.wait()
    }

    /// Sends `signal` (e.g. `SIGINT`, `SIGTERM`, `SIGKILL`) to the process.
    func send(_ signal: Int32) {
        process.signal(signal)
    }

    /// Polls until stdout or stderr contains `text`; returns false after `timeout` or when the
    /// process has exited without printing it.
    func waitForOutput(containing text: String, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if stdoutSoFar.contains(text) || stderrSoFar.contains(text) { return true }
            if !process.isRunning { return stdoutSoFar.contains(text) || stderrSoFar.contains(text) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Waits for the process to end; after `timeout` it is killed (SIGKILL) and this throws
    /// ``MirrorSweepBinaryError/timedOut(arguments:seconds:output:)``.
    func wait(timeout: Duration) throws -> ProcessOutput {
        guard process.wait(timeout: timeout) != .running else {
            killAndReap()
            throw MirrorSweepBinaryError.timedOut(arguments: arguments, seconds: timeout.seconds, output: output())
        }
        return output()
    }

    private func output() -> ProcessOutput {
        let (status, signaled): (Int32, Bool) = switch process.termination {
        case let .exited(status): (status, false)
        case let .signaled(signal): (signal, true)
        case nil: (-1, false)
        }
        return ProcessOutput(status: status, signaled: signaled, stdout: stdoutSoFar, stderr: stderrSoFar)
    }
}

/// Finds and runs the built `mirrorsweep` executable for end-to-end tests.
///
/// The executable is `$MIRRORSWEEP_BIN` when set, else the `mirrorsweep` beside the test
/// bundle (SwiftPM puts both in the same products directory, e.g. `.build/debug`).
enum MirrorSweepBinary {
    /// The executable's location.
    static func url() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["MIRRORSWEEP_BIN"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var starts = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), Bundle.main.bundleURL]
        starts += Bundle.allBundles.map(\.bundleURL)
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        var searched: [String] = []
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("mirrorsweep")
                if FileManager.default.isExecutableFile(atPath: candidate.path), !isDirectory(candidate) {
                    return candidate
                }
                searched.append(candidate.path)
                directory = directory.deletingLastPathComponent()
            }
        }
        throw MirrorSweepBinaryError.notFound(searched: searched)
    }

    /// Runs `mirrorsweep` (or `executable`, e.g. from ``sibling(_:)``) with `arguments` to
    /// completion, killing it after `timeout`.
    ///
    /// `environment` entries are added to (or override) the test process's environment.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60), executable: URL? = nil
    ) throws -> ProcessOutput {
        try start(arguments, environment: environment, executable: executable).wait(timeout: timeout)
    }

    /// Another executable of the package built beside `mirrorsweep`, e.g. `mirrorsweep-swarm`.
    static func sibling(_ name: String) throws -> URL {
        try url().deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Starts `mirrorsweep` (or `executable`) with `arguments` and returns at once, for long-running processes.
    ///
    /// A non-empty `wrapper` (e.g. `["/sbin/ip", "netns", "exec", "NAME"]`) runs the executable
    /// through that command, which must exec it in place so that the pid stays the same.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], executable: URL? = nil, wrapper: [String] = []
    ) throws -> LaunchedProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        for url in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let program = try executable ?? url()
        let output = try FileHandle(forWritingTo: stdoutURL)
        let error = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? output.close()
            try? error.close()
        }
        let command = wrapper.isEmpty ? [program.path] + arguments : wrapper + [program.path] + arguments
        let process = try BackgroundProcess(
            ProcessConfiguration(arguments: command, environment: environment.mapValues { $0 }),
            output: output.fileDescriptor, error: error.fileDescriptor)
        return LaunchedProcess(process: process, arguments: arguments, stdoutURL: stdoutURL, stderrURL: stderrURL)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
