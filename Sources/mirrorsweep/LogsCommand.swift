import ArgumentParser
import Journaling
import Logging

/// `mirrorsweep logs`: the output a command trial left, from its journal.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a trial's status, attempts and the end of its command's output.",
        discussion: "Only command trials (a spec with a top-level `command`) leave logs; the journal keeps the end of "
            + "each attempt's standard output and error, up to 1 MiB."
    )

    @OptionGroup var runDirectory: RunDirectoryArgument

    @Argument(help: ArgumentHelp("The trial's id, or a prefix of it (at least 4 hex digits) that only it has.", valueName: "trial-id"))
    var trialID: String

    @Option(help: "Print the log of this attempt (default: the latest attempt that left one).")
    var attempt: Int?

    @Flag(help: "Print the logs of every attempt, oldest first.")
    var all = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard trialID.count >= 4, trialID.allSatisfy(\.isHexDigit) else {
            throw ValidationError("trial-id must be at least 4 hex digits (a trial id or a prefix of one), got '\(trialID)'")
        }
        if attempt != nil && all {
            throw ValidationError("--attempt and --all exclude each other; give one")
        }
        if let attempt, attempt < 1 {
            throw ValidationError("--attempt must be 1 or more, got \(attempt)")
        }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.logs")
        let journal = try runDirectory.journal(logger: logger)
        let trial: JournalTrialLogs
        do {
            trial = try journal.trialLogs(idPrefix: trialID)
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
        print("trial     \(trial.trialID)")
        print("status    \(trial.state)\(trial.attempts > 0 ? " after \(trial.attempts) attempt\(trial.attempts == 1 ? "" : "s")" : "")")
        if let error = trial.error { print("failure   \(error)") }
        guard !trial.logs.isEmpty else {
            print(trial.isCommand
                ? "no log: no attempt of this trial has reported yet"
                : "no log: the trial runs the built-in core, which leaves none (only command trials do)")
            return
        }
        print("logged    attempt\(trial.logs.count == 1 ? "" : "s") \(trial.logs.map { String($0.attempt) }.joined(separator: ", "))")
        let shown: [JournalAttemptLog]
        if all {
            shown = trial.logs
        } else if let attempt {
            guard let log = trial.logs.first(where: { $0.attempt == attempt }) else {
                logger.error("trial \(trial.trialID) has no log of attempt \(attempt); attempts with a log: \(trial.logs.map { String($0.attempt) }.joined(separator: ", "))")
                throw ExitCode.failure
            }
            shown = [log]
        } else {
            shown = trial.logs.suffix(1)
        }
        for log in shown {
            print("")
            print("── attempt \(log.attempt)\(log.failure.map { " (failed: \($0))" } ?? "") ──")
            print(log.text, terminator: log.text.hasSuffix("\n") || log.text.isEmpty ? "" : "\n")
        }
    }
}
