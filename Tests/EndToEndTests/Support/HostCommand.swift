@testable import Coordinator
import Foundation

/// Why a system command could not be run or failed.
struct HostCommandError: Error, CustomStringConvertible {
    let command: [String]
    let output: ProcessOutput?

    var description: String {
        guard let output else { return "\(command.joined(separator: " ")): no such executable" }
        return "\(command.joined(separator: " ")) exited with \(output.status): \(output.stderr)"
    }
}

/// Runs system commands (`sqlite3`, `ip`) that the end-to-end tests use to look at, or set up,
/// what the `mirrorsweep` processes work with.
enum HostCommand {
    /// The path of executable `name` in `PATH`, `/usr/sbin` or `/sbin`, nil when absent.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `name` with `arguments` to completion; throws ``HostCommandError`` when it is missing
    /// or exits with a non-zero status.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> ProcessOutput {
        guard let executable = find(name) else { throw HostCommandError(command: [name] + arguments, output: nil) }
        let output = try execute(executable, arguments)
        guard output.succeeded else { throw HostCommandError(command: [name] + arguments, output: output) }
        return output
    }

    /// Runs the executable at `path` with `arguments` and returns how it ended and what it
    /// printed; after `timeout` it is killed (SIGKILL) and the output says so.
    static func execute(_ path: String, _ arguments: [String], timeout: Duration = .seconds(120)) throws -> ProcessOutput {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        for url in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let process: ChildProcess
        do {
            let output = try FileHandle(forWritingTo: stdoutURL)
            let error = try FileHandle(forWritingTo: stderrURL)
            defer {
                try? output.close()
                try? error.close()
            }
            process = try ChildProcess.start(
                path, arguments, environment: ProcessInfo.processInfo.environment,
                output: output.fileDescriptor, error: error.fileDescriptor)
        }
        let ended = process.wait(timeout: timeout)
        if !ended { process.killAndReap() }
        let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        let termination = process.termination ?? (status: -1, signaled: false)
        return ProcessOutput(
            status: termination.status, signaled: termination.signaled,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: ended ? stderr : stderr + "\n(killed after \(timeout.seconds) s)")
    }
}
