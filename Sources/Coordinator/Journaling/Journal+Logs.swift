import GRDB

extension Journal {
    /// The most ids an ambiguous prefix's error lists.
    public static let maxPrefixMatches = 10

    /// The trial whose id starts with `prefix` (any case), of any registered spec, with its
    /// outcome and logs; refuses a prefix that matches no trial or several.
    public func trialLogs(idPrefix prefix: String) throws -> JournalTrialLogs {
        let prefix = prefix.lowercased()
        return try perform("read the logs of trial \(prefix)") {
            try pool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(JournalTrialKey.textSQL) AS id, trials.id AS stored, trials.state, trials.attempts, trials.error,
                           \(layout.configColumnsSQL)
                    FROM \(layout.trialsSQL) WHERE lower(substr(\(JournalTrialKey.textSQL), 1, ?)) = ? ORDER BY 1 LIMIT ?
                    """, arguments: [prefix.count, prefix, Journal.maxPrefixMatches])
                guard rows.count == 1, let row = rows.first else {
                    throw JournalError.unknownTrial(path: path, prefix: prefix, matches: rows.map { $0["id"] })
                }
                let config: String = row["config"]
                return JournalTrialLogs(
                    trialID: row["id"], state: row["state"], attempts: row["attempts"], error: row["error"],
                    isCommand: config.hasPrefix("{\"command\":"),
                    logs: try Journal.logs(db, where: "trial_id = ?", arguments: [row["stored"] as DatabaseValue]).map(\.log))
            }
        }
    }

    /// The log of the latest logged attempt of each failed trial of the current spec, by trial id.
    public func failureLogs() throws -> [String: JournalAttemptLog] {
        try perform("read the failed trials' logs") {
            try pool.read { db in
                let logs = try Journal.logs(
                    db, where: "trial_id IN (SELECT id FROM trials WHERE state = 'failed' AND grid_index IS NOT NULL)")
                var latest: [String: JournalAttemptLog] = [:]
                for (trialID, log) in logs { latest[trialID] = log }
                return latest
            }
        }
    }

    /// The rows of `trial_logs` meeting `condition`, by trial and attempt; none in a journal of a
    /// schema before `trial_logs` (read without migrating).
    private static func logs(
        _ db: Database, where condition: String, arguments: StatementArguments = []
    ) throws -> [(trialID: String, log: JournalAttemptLog)] {
        guard try db.tableExists("trial_logs") else { return [] }
        let textID = "CASE WHEN typeof(trial_id) = 'blob' THEN lower(hex(trial_id)) ELSE trial_id END"
        return try Row.fetchAll(db, sql: """
            SELECT \(textID) AS id, attempt, failure, stream FROM trial_logs WHERE \(condition) ORDER BY trial_id, attempt
            """, arguments: arguments).map { row in
            (row["id"], JournalAttemptLog(attempt: row["attempt"], failure: row["failure"], text: row["stream"]))
        }
    }
}
