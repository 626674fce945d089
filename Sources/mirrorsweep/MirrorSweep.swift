import ArgumentParser
import Foundation

@main
struct MirrorSweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirrorsweep",
        abstract: "Reproducible sweeps of weight decay and implicit regularization.",
        version: version,
        subcommands: [
            TrainCommand.self, PlanCommand.self, RunCommand.self, ServeCommand.self, WorkCommand.self, StatusCommand.self,
            TableCommand.self, CompareCommand.self, PlotCommand.self, ReportCommand.self, LogsCommand.self, KeysCommand.self, SpecFieldsCommand.self,
            ExportCommand.self, VersionCommand.self,
        ]
    )

    /// The version of this build, stored in journals.
    static let version = "0.1.0"

    /// The path of this executable, for starting local workers.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Usage errors (bad flags, bad config values) exit with this status.
    static let usageExitStatus: Int32 = 2

    /// Runs the command; like argument-parser's own `main`, but usage errors exit with status 2.
    ///
    /// A usage error found while parsing prints the message and the usage; one found while
    /// running (a bad config file or value) prints the message and where to find help.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            exitWithUsageError(fullMessage(for: error))
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let name = commandPath(to: type(of: command)).map { " " + $0.joined(separator: " ") } ?? ""
            exitWithUsageError("Error: \(message(for: error))\nSee 'mirrorsweep\(name) --help' for the allowed values.")
        }
    }

    /// The subcommand names leading from `parent` to `command` (`["keys", "generate"]`).
    private static func commandPath(to command: any ParsableCommand.Type, from parent: any ParsableCommand.Type = MirrorSweep.self) -> [String]? {
        for sub in parent.configuration.subcommands {
            let name = sub.configuration.commandName ?? "\(sub)"
            if ObjectIdentifier(sub) == ObjectIdentifier(command) { return [name] }
            if let rest = commandPath(to: command, from: sub) { return [name] + rest }
        }
        return nil
    }

    private static func exitWithUsageError(_ text: String) -> Never {
        FileHandle.standardError.write(Data((text + "\n").utf8))
        Foundation.exit(usageExitStatus)
    }
}
