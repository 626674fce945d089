import Foundation
import Processes

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
        let output: CollectedOutput
        do {
            output = try BackgroundProcess.run(ProcessConfiguration(arguments: [path] + arguments))
        } catch {
            throw .launcher(what: "run \(what)", cause: error.description)
        }
        guard output.termination.isSuccess else {
            let message = output.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .launcher(what: "run \(what)", cause: output.termination.ending + (message.isEmpty ? "" : ": \(message)"))
        }
        return output.standardOutput
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
