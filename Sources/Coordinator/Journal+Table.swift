import Core
import GRDB

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
                var seen = Set<String>()
                let axesRows = try Row.fetchCursor(
                    db, sql: "SELECT id, axes FROM trials WHERE grid_index IS NOT NULL ORDER BY grid_index")
                while let row = try axesRows.next() {
                    let text: String = row[1]
                    if seen.insert(text).inserted { axes.add(try decoder.axes(text, trialID: row[0])) }
                }
                let seeds = try Int.fetchOne(
                    db, sql: "SELECT COUNT(DISTINCT seed) FROM trials WHERE grid_index IS NOT NULL") ?? 0
                var builder = try TableBuilder(axes: axes, seedCount: seeds, options: options)
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT id, grid_index, axes, state, result IS NOT NULL,
                           CASE WHEN json_valid(result) THEN json_extract(result, '$.status') END,
                           CASE WHEN json_valid(result) THEN json_extract(result, '$.metrics') END
                    FROM trials WHERE grid_index IS NOT NULL ORDER BY grid_index
                    """)
                while let row = try rows.next() {
                    let id: String = row[0]
                    let outcome: TableOutcome?
                    switch row[3] as String {
                    case "done":
                        outcome = try Journal.tableOutcome(
                            id: id, hasResult: row[4], status: row[5], metrics: row[6], decoder: decoder)
                    case "failed":
                        outcome = .failed
                    default:
                        outcome = nil
                    }
                    builder.add(index: row[1], axes: try decoder.axes(row[2], trialID: id), outcome: outcome)
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
            throw CoordinatorError.journalCorruptRow(path: decoder.path, trialID: id, column: "result", cause: "NULL for a done trial")
        }
        guard let status, let parsed = TrialStatus(rawValue: status), let metrics else {
            throw CoordinatorError.journalCorruptRow(
                path: decoder.path, trialID: id, column: "result", cause: "not a trial result (invalid JSON, or no status or metrics)")
        }
        return parsed == .diverged ? .diverged : .completed(try decoder.metrics(metrics, trialID: id))
    }
}
