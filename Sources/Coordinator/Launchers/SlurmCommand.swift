import Foundation

/// Runs Slurm's client commands (`sbatch`, `squeue`, `sacct`, `scancel`, `scontrol`) and
/// returns what they print.
enum SlurmCommand {
    /// Runs `tool` found on `PATH` with `arguments` and returns its standard output. Throws
    /// ``LauncherError/launcher(what:cause:)`` when the tool is missing or exits with a
    /// non-zero status; the cause holds its standard error.
    static func run(_ tool: String, _ arguments: [String]) throws(LauncherError) -> String {
        let what = ([tool] + arguments).joined(separator: " ")
        guard let path = locate(tool) else {
            throw .launcher(
                what: "run \(what)",
                cause: "\(tool) is not on PATH; run on a Slurm login node or install Slurm's client commands (Debian: slurm-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .launcher(what: "run \(what)", cause: "\(error)")
        }
        let standardError = ErrorCollector(errors.fileHandleForReading)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = standardError.finish()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = err.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .launcher(
                what: "run \(what)",
                cause: "exit status \(process.terminationStatus)" + (message.isEmpty ? "" : ": \(message)"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The path of `tool` in a directory of `PATH`, or nil.
    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Reads a pipe to its end on another thread, so that a tool writing much to both standard
/// output and standard error never blocks on a full pipe.
private final class ErrorCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Waits for the end of the pipe and returns what was read, as text.
    func finish() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
