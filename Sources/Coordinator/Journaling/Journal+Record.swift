import Foundation
import GRDB

extension Journal {
    /// Commits a batch of outcomes in one transaction and returns how many were new.
    ///
    /// Idempotent: a trial already recorded keeps its first outcome and logs, and an id the
    /// journal does not hold is skipped. A done trial's result is stored without its `log`, which
    /// goes to `trial_logs` with the logs of the entry's earlier attempts, each clipped to its
    /// last ``JournalAttemptLog/maxBytes`` bytes.
    @discardableResult
    public func record(_ batch: [JournalEntry]) throws -> Int {
        guard !batch.isEmpty else { return 0 }
        let now = Date().timeIntervalSince1970
        return try perform("record results") {
            try pool.write { db in
                let update = try db.cachedStatement(sql: """
                    UPDATE trials SET state = ?, attempts = ?, result = ?, error = ?, worker = ?, recorded_at = ?
                    WHERE id = ? AND state = 'pending'
                    """)
                let insertLog = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO trial_logs (trial_id, attempt, failure, stream, recorded_at) VALUES (?, ?, ?, ?, ?)
                    """)
                var changed = 0
                for entry in batch {
                    let key = JournalTrialKey.stored(entry.trialID)
                    var logs: [JournalAttemptLog]
                    switch entry {
                    case let .done(_, result, attempts, worker, earlier):
                        try update.execute(arguments: ["done", attempts, JournalJSON.result(result), nil, worker, now, key])
                        logs = earlier
                        if let text = result.log { logs.append(JournalAttemptLog(attempt: attempts, failure: nil, text: text)) }
                    case let .failed(_, message, attempts, worker, earlier):
                        try update.execute(arguments: ["failed", attempts, nil, message, worker, now, key])
                        logs = earlier
                    }
                    guard db.changesCount > 0 else { continue }
                    changed += 1
                    for log in logs {
                        try insertLog.execute(arguments: [key, log.attempt, log.failure, log.clippedText, now])
                    }
                }
                return changed
            }
        }
    }
}
