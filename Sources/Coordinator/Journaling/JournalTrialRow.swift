import GRDB

/// A trial as the journal holds it: its `trials` row with its configuration.
struct JournalTrialRow: FetchableRecord {
    var id: String
    /// The position in the current spec's grid; nil for a trial only an earlier spec has.
    var gridIndex: Int?
    /// The seed's bits as SQLite's signed INTEGER holds them.
    var seed: Int64
    var config: String
    var axes: String
    var state: String
    var attempts: Int
    var result: String?
    var error: String?

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        gridIndex = try row.decode(forColumn: "grid_index")
        seed = try row.decode(forColumn: "seed")
        config = try row.decode(forColumn: "config")
        axes = try row.decode(forColumn: "axes")
        state = try row.decode(forColumn: "state")
        attempts = try row.decode(forColumn: "attempts")
        result = try row.decode(forColumn: "result")
        error = try row.decode(forColumn: "error")
    }

    /// The query of the current spec's trials in grid order, in `layout`, narrowed by `condition`.
    static func sql(_ layout: JournalLayout, where condition: String = "1") -> String {
        """
        SELECT \(JournalTrialKey.textSQL) AS id, trials.grid_index, trials.seed, \(layout.configColumnsSQL),
               trials.state, trials.attempts, trials.result, trials.error
        FROM \(layout.trialsSQL) WHERE trials.grid_index IS NOT NULL AND \(condition) ORDER BY trials.grid_index
        """
    }

    /// The query of every recorded trial: the current spec's in grid order, then those only
    /// earlier specs have, in the order they were added.
    static func everyTrialSQL(_ layout: JournalLayout) -> String {
        """
        SELECT \(JournalTrialKey.textSQL) AS id, trials.grid_index, trials.seed, \(layout.configColumnsSQL),
               trials.state, trials.attempts, trials.result, trials.error
        FROM \(layout.trialsSQL) ORDER BY trials.grid_index IS NULL, trials.grid_index, trials.rowid
        """
    }
}
