import Foundation
import GRDB
import SweepSpecs

extension Journal {
    /// Returns the failed trials of the current spec that `filter` selects to pending, in one
    /// transaction, and returns how many. Each keeps its attempt count, so that its next attempt
    /// numbers on, and its logs; its final failure message is kept in `trial_logs` as the log of
    /// its last attempt when that attempt left none.
    @discardableResult
    public func retryFailed(matching filter: TrialFilter = TrialFilter()) throws -> Int {
        let now = Date().timeIntervalSince1970
        return try perform("return failed trials to pending") {
            try pool.write { db in
                var decoder = JournalJSON.Decoder(path: path)
                let rows = try JournalTrialRow.fetchAll(db, sql: JournalTrialRow.sql(layout, where: "trials.state = 'failed'"))
                let keepFailure = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO trial_logs (trial_id, attempt, failure, stream, recorded_at) VALUES (?, ?, ?, '', ?)
                    """)
                let reopen = try db.cachedStatement(sql: """
                    UPDATE trials SET state = 'pending', result = NULL, error = NULL, worker = NULL, recorded_at = NULL
                    WHERE id = ? AND state = 'failed'
                    """)
                var count = 0
                for row in rows {
                    if !filter.conditions.isEmpty {
                        guard filter.matches(try Journal.trialSpec(row, decoder: &decoder)) else { continue }
                    }
                    let key = JournalTrialKey.stored(row.id)
                    if row.attempts > 0 {
                        try keepFailure.execute(arguments: [key, row.attempts, row.error ?? "", now])
                    }
                    try reopen.execute(arguments: [key])
                    count += db.changesCount
                }
                return count
            }
        }
    }

    /// The attempts earlier coordinators made of the current spec's pending trials, by trial id,
    /// for those with any (failed trials returned to pending by ``retryFailed(matching:)``).
    public func priorAttempts() throws -> [String: Int] {
        try perform("read pending trials' attempts") {
            try pool.read { db in
                var attempts: [String: Int] = [:]
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT \(JournalTrialKey.textSQL), attempts FROM trials
                    WHERE grid_index IS NOT NULL AND state = 'pending' AND attempts > 0
                    """)
                while let row = try rows.next() { attempts[row[0]] = row[1] }
                return attempts
            }
        }
    }

    /// The ids of the current spec's first `limit` failed trials, in grid order.
    public func failedTrialIDs(limit: Int) throws -> [String] {
        try perform("read failed trials") {
            try pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT \(JournalTrialKey.textSQL) FROM trials
                    WHERE grid_index IS NOT NULL AND state = 'failed' ORDER BY grid_index LIMIT ?
                    """, arguments: [limit])
            }
        }
    }
}
