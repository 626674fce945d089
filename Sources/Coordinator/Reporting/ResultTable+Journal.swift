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
        let builder: TableBuilder
        do {
            builder = try pool.read { db in
                let configs = try JournalTableConfigs(db, layout: layout)
                var texts = [String?](repeating: nil, count: configs.keys.count)
                let stored = try Row.fetchCursor(db, sql: layout.configAxesSQL)
                while let row = try stored.next() {
                    if let position = configs.position(of: try layout.configKey(row, atIndex: 0)) { texts[position] = row[1] }
                }
                var decoder = JournalJSON.Decoder(path: path)
                var axes = TableAxes()
                var configAxes: [[AxisValue]] = []
                configAxes.reserveCapacity(texts.count)
                for (position, text) in texts.enumerated() {
                    guard let text else {
                        configAxes.append([])
                        continue
                    }
                    let values = try decoder.axes(text, trialID: try Journal.trialID(db, rowID: configs.firstRowIDs[position]))
                    configAxes.append(values)
                    axes.add(values)
                }
                var builder = try TableBuilder(axes: axes, seedCount: configs.seedCount, options: options)
                let cells = configAxes.indices.map { builder.cell(axes: configAxes[$0], index: configs.firstIndexes[$0]) }
                var reader = JournalTableReader(path: path, layout: layout, configs: configs, cells: cells)
                let rows = try Row.fetchCursor(db, sql: JournalTableRow.sql(layout))
                while let row = try rows.next() {
                    try reader.add(row, db: db, to: &builder)
                }
                return builder
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw Journal.failure(error, path: path, operation: "read the table")
        }
        return try builder.build()
    }

    /// The id of the trial in row `rowID`, to name in errors.
    static func trialID(_ db: Database, rowID: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT \(JournalTrialKey.textSQL) FROM trials WHERE rowid = ?", arguments: [rowID]) ?? ""
    }

    /// The outcome of a done trial from its result's `status` and `metrics`, as SQLite extracted them.
    static func tableOutcome(_ row: JournalResultRow, decoder: JournalJSON.Decoder) throws -> TableOutcome {
        guard row.hasResult else {
            throw JournalError.journalCorruptRow(path: decoder.path, trialID: row.id, column: "result", cause: "NULL for a done trial")
        }
        guard let status = row.status, let parsed = TrialStatus(rawValue: status), let metrics = row.metrics else {
            throw JournalError.journalCorruptRow(
                path: decoder.path, trialID: row.id, column: "result", cause: "not a trial result (invalid JSON, or no status or metrics)")
        }
        return parsed == .diverged ? .diverged : .completed(try decoder.metrics(metrics, trialID: row.id))
    }
}
