import ArgumentParser
import Foundation
import Journaling
import Logging
import Reporting

extension TableFormat: ExpressibleByArgument {}

/// `mirrorsweep table`: the generalization-versus-sparsity table of a run.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the generalization-versus-sparsity table of a run: mean ± std over seeds."
    )

    @Argument(help: "The run directory (holding journal.sqlite).")
    var runDir: String

    @Option(help: "Output format.")
    var format: TableFormat = .markdown

    @Option(help: "Comma-separated axes forming the rows (default: every axis that varies; a varying axis left out of rows and columns must be pooled).")
    var rows: String?

    @Option(help: "Comma-separated axes whose values become column groups.")
    var columns: String?

    @Option(help: "Comma-separated metrics (default: the problem's: \(TableOptions.defaultMetrics.joined(separator: ",")) for sparse regression, accuracy for classification, relative_error and effective_rank for matrix sensing; a command sweep's: the metrics its programs reported).")
    var metrics: String?

    @Option(help: ArgumentHelp("An axis left out of --rows and --columns to average over (repeatable); seeds are always averaged.", valueName: "axis"))
    var pool: [String] = []

    @Flag(help: "Every recorded trial, also those of earlier versions of the spec, with each field that differs between them as an axis (default: the current spec's trials).")
    var all = false

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.table")
        let path = (runDir as NSString).appendingPathComponent(Journal.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(runDir) holds no \(Journal.fileName); give a run directory such as runs/quickstart")
        }
        let journal = try Journal.openForReading(runDirectory: runDir, logger: logger)
        func list(_ text: String?) -> [String]? {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        let options = TableOptions(
            title: try journal.sweep()?.name ?? runDir, rows: list(rows), columns: list(columns) ?? [],
            pool: pool.flatMap { list($0) ?? [] }, metrics: list(metrics))
        let table: ResultTable
        do {
            table = all ? try ResultTable(everyTrialOf: journal, options: options) : try ResultTable(journal: journal, options: options)
        } catch let error as ReportError {
            throw ValidationError("--\(error)")
        }
        print(table.render(format), terminator: "")
    }
}
