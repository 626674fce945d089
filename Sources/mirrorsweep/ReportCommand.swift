import ArgumentParser
import Foundation
import Logging
import Reporting

/// `mirrorsweep report`: a self-contained HTML report of a run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a sweep: figures, results table, metadata and failures."
    )

    @OptionGroup var runDirectory: RunDirectoryArgument

    @Option(help: ArgumentHelp("The HTML file to write (default: RUN_DIR/report.html).", valueName: "file"))
    var out: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.report")
        let journal = try runDirectory.journal(logger: logger)
        let path = out ?? (runDirectory.path as NSString).appendingPathComponent("report.html")
        do {
            let version = try journal.meta("tool_version")
            let metadata = ReportMetadata(sweep: try journal.sweep(), toolVersion: version == "unknown" ? nil : version,
                                          machine: ReportMachine.current(), failureLogs: try journal.failureLogs())
            let html = try Report.html(records: try journal.records(), metadata: metadata)
            try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            logger.error("cannot write the report \(path): \(error)")
            throw ExitCode.failure
        }
        logger.info("wrote the report", metadata: ["file": "\(path)"])
    }
}
