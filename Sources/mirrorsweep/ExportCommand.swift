import ArgumentParser
import Foundation
import Logging
import Reporting

/// `mirrorsweep export`: one row per trial, for pandas, R, spreadsheets and SQL.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one row per trial (CSV or JSON Lines): id, seed, configuration, status, attempts, metrics, wall time, worker.",
        discussion: """
            Columns: trial_id, seed, every configuration field (a core trial's every TrialConfig field, defaults \
            included; a command trial's fields), status (done, diverged, failed or pending), attempts, every metric \
            any exported trial reported (sorted; empty or null where a trial has none; metric_NAME when a configuration \
            field is called NAME too), wall_seconds, worker. \
            Numbers stay numbers; lists are JSON text in CSV and arrays in JSON Lines; non-finite numbers are \
            nan, inf, -inf (in JSON Lines the strings "nan", "inf", "-inf").

            Parquet is not supported (no Swift package this build uses writes it). Convert with pandas (and pyarrow):
              python3 -c 'import pandas as pd; pd.read_csv("trials.csv").to_parquet("trials.parquet")'
            """
    )

    @OptionGroup var runDirectory: RunDirectoryArgument

    @Option(help: ArgumentHelp("Output format: csv or jsonl.", valueName: "format"))
    var format = "csv"

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Include trials of earlier specs of this run directory, after the current spec's.")
    var all = false

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Only trials whose column FIELD equals VALUE (numbers compare as numbers: weight_decay=0 matches 0.0). "
                + "Repeat it: conditions on one field are alternatives, conditions on different fields must all hold.",
            valueName: "field=value"))
    var conditions: [String] = []

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard TrialExportFormat(rawValue: format) == nil else { return }
        if format == "parquet" {
            throw ValidationError("""
                --format parquet is not supported; use csv or jsonl and convert with pandas (and pyarrow): \
                python3 -c 'import pandas as pd; pd.read_csv("trials.csv").to_parquet("trials.parquet")'
                """)
        }
        throw ValidationError("--format must be one of \(TrialExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(format)'")
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.export")
        var options = TrialExportOptions(format: TrialExportFormat(rawValue: format) ?? .csv, includeEarlierSpecs: all)
        do {
            options.conditions = try conditions.map { text throws(ReportError) in try TrialExportCondition(parsing: text) }
        } catch {
            throw ValidationError(error.description)
        }
        let journal = try runDirectory.journal(logger: logger)
        let destination = try ExportDestination(path: output)
        let count: Int
        do {
            count = try journal.exportTrials(options: options) { try destination.write($0) }
            try destination.finish()
        } catch let error as ReportError {
            destination.abandon()
            throw ValidationError(error.description)
        } catch {
            destination.abandon()
            logger.error("\(error)")
            throw ExitCode.failure
        }
        if let output {
            FileHandle.standardError.write(Data("wrote \(count) trial\(count == 1 ? "" : "s") to \(output)\n".utf8))
        }
    }
}

/// Where an export goes: standard output, or a file written beside its final path and renamed
/// onto it once complete, so that a failed export leaves no partial file.
private struct ExportDestination {
    private let path: String?
    private let partialPath: String?
    private let handle: FileHandle

    init(path: String?) throws {
        self.path = path
        guard let path else {
            partialPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil) else {
            throw ValidationError("--output: cannot create \(partial) (is its directory there and writable?)")
        }
        partialPath = partial
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
    }

    func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }

    /// Completes the file: closes it and moves it onto its path.
    func finish() throws {
        guard let path, let partialPath else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partialPath, toPath: path)
    }

    /// Removes the partial file after a failure.
    func abandon() {
        guard let partialPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partialPath)
    }
}
