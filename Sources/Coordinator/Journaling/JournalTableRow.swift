import GRDB

/// What the table reads of a trial of the current spec: its outcome's status and metrics as
/// SQLite extracts them from the result, without decoding the rest.
package struct JournalTableRow: FetchableRecord {
    package var id: String
    package var gridIndex: Int
    /// Equal for the trials of one configuration (``JournalLayout/configKeySQL``).
    package var configKey: DatabaseValue
    package var state: String
    package var hasResult: Bool
    package var status: String?
    package var metrics: String?

    package init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        gridIndex = try row.decode(forColumn: "grid_index")
        configKey = row["config_key"]
        state = try row.decode(forColumn: "state")
        hasResult = try row.decode(forColumn: "has_result")
        status = try row.decode(forColumn: "status")
        metrics = try row.decode(forColumn: "metrics")
    }

    /// The query of the current spec's trials in grid order, in `layout`.
    package static func sql(_ layout: JournalLayout) -> String {
        """
        SELECT \(JournalTrialKey.textSQL) AS id, trials.grid_index, \(layout.configKeySQL) AS config_key, trials.state,
               trials.result IS NOT NULL AS has_result,
               CASE WHEN json_valid(trials.result) THEN json_extract(trials.result, '$.status') END AS status,
               CASE WHEN json_valid(trials.result) THEN json_extract(trials.result, '$.metrics') END AS metrics
        FROM trials WHERE trials.grid_index IS NOT NULL ORDER BY trials.grid_index
        """
    }
}

/// The axes of one configuration of the current spec, with its first trial in grid order.
package struct JournalAxesRow: FetchableRecord {
    package var configKey: DatabaseValue
    /// The first trial's id, to name in errors.
    package var id: String
    package var axes: String

    package init(row: Row) throws {
        configKey = row["config_key"]
        id = try row.decode(forColumn: "id")
        axes = try row.decode(forColumn: "axes")
    }

    /// The query of each configuration's axes, in the grid order of their first trials, in `layout`.
    package static func sql(_ layout: JournalLayout) -> String {
        """
        SELECT \(layout.configKeySQL) AS config_key, min(trials.grid_index) AS first_index,
               \(JournalTrialKey.textSQL) AS id, \(layout.configColumnsSQL)
        FROM \(layout.trialsSQL) WHERE trials.grid_index IS NOT NULL GROUP BY config_key ORDER BY first_index
        """
    }
}
