import ArgumentParser
import Foundation
import JSON
import Logging
import Reporting

/// `mirrorsweep status`: counts of a sweep's trials, from its journal; with `--watch`, again
/// every few seconds until the sweep is complete.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how far a sweep has come.",
        discussion: """
            While trials remain and a coordinator serves, an ETA follows from the rate of its \
            session. With --watch the status is printed again every --interval seconds until every \
            trial is done or failed (exit 0), or until Ctrl-C.
            """
    )

    @Argument(help: "The run directory (holding journal.sqlite).")
    var runDir: String

    @Flag(help: "Print JSON with keys total, done, failed, running, pending, workers_seen, elapsed_seconds, trials_per_second, coordinator_alive, and eta_seconds when known.")
    var json = false

    @Flag(help: "Print the status again every --interval seconds until the sweep is complete or Ctrl-C.")
    var watch = false

    @Option(help: ArgumentHelp("Seconds between two statuses with --watch (default 2).", valueName: "SECONDS"))
    var interval: Double?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard let interval else { return }
        guard watch else { throw ValidationError("--interval needs --watch") }
        guard interval > 0, interval.isFinite else { throw ValidationError("--interval must be a number of seconds > 0, got \(interval)") }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.status")
        let clears = watch && !json && isatty(STDOUT_FILENO) == 1
        while true {
            let status = try SweepStatus.load(runDirectory: runDir, logger: logger)
            if clears { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            try show(status)
            guard watch, !status.isComplete else { return }
            fflush(nil)
            Thread.sleep(forTimeInterval: interval ?? 2)
            if !json && !clears { print("") }
        }
    }

    private func show(_ status: SweepStatus) throws {
        if json {
            let encoded = try JSONNodeEncoder.json(status, format: [.sortedKeys, .integralDoublesWithoutFraction])
            print(String(decoding: encoded, as: UTF8.self))
            return
        }
        print("""
            sweep     \(status.sweep)
            total     \(status.total)
            done      \(status.done)
            failed    \(status.failed)
            running   \(status.running)
            pending   \(status.pending)
            workers   \(status.workersSeen) seen
            elapsed   \(ProgressPrinter.duration(status.elapsedSeconds)) in the latest session\(status.coordinatorAlive ? " (coordinator serving)" : "")
            rate      \(String(format: "%.1f", status.trialsPerSecond)) trials/s
            """)
        if let eta = status.etaSeconds { print("eta       \(ProgressPrinter.duration(eta)) at that rate") }
    }
}
