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
        let process = try MirrorSweepBinary.start(arguments, executable: URL(fileURLWithPath: path))
        do {
            return try process.wait(timeout: timeout)
        } catch let MirrorSweepBinaryError.timedOut(_, seconds, output) {
            return ProcessOutput(
                status: output.status, signaled: output.signaled, stdout: output.stdout,
                stderr: output.stderr + "\n(killed after \(seconds) s)")
        }
    }
}
