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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-cmd-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stderrURL.path])
        }
        defer { try? FileManager.default.removeItem(at: stderrURL) }
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = ProcessOutput(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: data, as: UTF8.self),
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
        guard output.succeeded else { throw HostCommandError(command: [name] + arguments, output: output) }
        return output
    }
}
