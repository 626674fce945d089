import ArgumentParser
import Foundation
import Logging

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// The `--log-level` option shared by every subcommand; logging goes to stderr.
struct LoggingOptions: ParsableArguments {
    /// The environment variable read when `--log-level` is absent.
    static let environmentVariable = "MIRRORSWEEP_LOG_LEVEL"

    @Option(help: "Log level on stderr (default: $MIRRORSWEEP_LOG_LEVEL, else info).")
    var logLevel: Logger.Level?

    /// The level from the flag, else the environment, else `info`; a bad environment value is a usage error.
    func resolvedLevel(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Logger.Level {
        if let logLevel { return logLevel }
        guard let text = environment[Self.environmentVariable], !text.isEmpty else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("\(Self.environmentVariable)='\(text)' is not a log level; allowed: \(allowed)")
        }
        return level
    }

    /// Sends every logger of the process to stderr at the resolved level and returns one labelled `label`.
    func bootstrap(label: String) throws -> Logger {
        let level = try resolvedLevel()
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
