import GRDB

/// What the table reads of a trial of the current spec, in grid order: its keys, state and the
/// stored result as it is (``JournalResultScan`` reads it).
package enum JournalTableRow {
    /// Column positions in ``sql(_:)``.
    package static let rowID = 0, gridIndex = 1, configKey = 2, state = 3, resultIsText = 4, result = 5

    /// `state` as ``sql(_:)`` gives it.
    package static let pending = 0, done = 1, failed = 2

    /// The query of the current spec's trials in grid order, in `layout`.
    package static func sql(_ layout: JournalLayout) -> String {
        """
        SELECT trials.rowid, trials.grid_index, \(layout.configKeySQL),
               CASE trials.state WHEN 'done' THEN \(done) WHEN 'failed' THEN \(failed) ELSE \(pending) END,
               typeof(trials.result) = 'text', trials.result
        FROM trials WHERE trials.grid_index IS NOT NULL ORDER BY trials.grid_index
        """
    }
}

/// A done trial's result as SQLite's JSON functions read it, for results ``JournalResultScan``
/// leaves to SQLite: whether there is one, and its `status` and `metrics`.
package struct JournalResultRow: FetchableRecord {
    package var id: String
    package var hasResult: Bool
    package var status: String?
    package var metrics: String?

    package init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        hasResult = try row.decode(forColumn: "has_result")
        status = try row.decode(forColumn: "status")
        metrics = try row.decode(forColumn: "metrics")
    }

    /// The query of the trial whose rowid is its argument.
    package static let sql = """
        SELECT \(JournalTrialKey.textSQL) AS id, trials.result IS NOT NULL AS has_result,
               CASE WHEN json_valid(trials.result) THEN json_extract(trials.result, '$.status') END AS status,
               CASE WHEN json_valid(trials.result) THEN json_extract(trials.result, '$.metrics') END AS metrics
        FROM trials WHERE trials.rowid = ?
        """
}
