import Core
import GRDB
import Journaling
import SweepSpecs

extension ResultTable {
    /// Aggregates the current spec of `journal` like ``init(records:options:)``, streaming the
    /// trials in grid order and reading only the status and metrics of each result.
    public init(journal: Journal, options: TableOptions) throws {
        self = try journal.table(options: options)
    }
}

extension Journal {
    func table(options: TableOptions) throws -> ResultTable {
        try perform("read the table") {
            try pool.read { db in
                var decoder = JournalJSON.Decoder(path: path)
                var axes = TableAxes()
                var axesByConfig: [DatabaseValue: [AxisValue]] = [:]
                let configs = try JournalAxesRow.fetchCursor(db, sql: JournalAxesRow.sql(layout))
                while let config = try configs.next() {
                    let values = try decoder.axes(config.axes, trialID: config.id)
                    axesByConfig[config.configKey] = values
                    axes.add(values)
                }
                let seeds = try Int.fetchOne(
                    db, sql: "SELECT COUNT(DISTINCT seed) FROM trials WHERE grid_index IS NOT NULL") ?? 0
                var builder = try TableBuilder(axes: axes, seedCount: seeds, options: options)
                let rows = try JournalTableRow.fetchCursor(db, sql: JournalTableRow.sql(layout))
                while let row = try rows.next() {
                    let outcome: TableOutcome?
                    switch row.state {
                    case "done":
                        outcome = try Journal.tableOutcome(
                            id: row.id, hasResult: row.hasResult, status: row.status, metrics: row.metrics, decoder: decoder)
                    case "failed":
                        outcome = .failed
                    default:
                        outcome = nil
                    }
                    builder.add(index: row.gridIndex, axes: axesByConfig[row.configKey] ?? [], outcome: outcome)
                }
                return builder.build()
            }
        }
    }

    /// The outcome of a done trial from its result's `status` and `metrics`, as SQLite extracted them.
    private static func tableOutcome(
        id: String, hasResult: Bool, status: String?, metrics: String?, decoder: JournalJSON.Decoder
    ) throws -> TableOutcome {
        guard hasResult else {
            throw JournalError.journalCorruptRow(path: decoder.path, trialID: id, column: "result", cause: "NULL for a done trial")
        }
        guard let status, let parsed = TrialStatus(rawValue: status), let metrics else {
            throw JournalError.journalCorruptRow(
                path: decoder.path, trialID: id, column: "result", cause: "not a trial result (invalid JSON, or no status or metrics)")
        }
        return parsed == .diverged ? .diverged : .completed(try decoder.metrics(metrics, trialID: id))
    }
}
