import ArgumentParser
import JSON
import Logging
import Reporting

/// `mirrorsweep status`: counts of a sweep's trials, from its journal.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how far a sweep has come."
    )

    @Argument(help: "The run directory (holding journal.sqlite).")
    var runDir: String

    @Flag(help: "Print JSON with keys total, done, failed, running, pending, workers_seen, elapsed_seconds, trials_per_second.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.status")
        let status = try SweepStatus.load(runDirectory: runDir, logger: logger)
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
    }
}
