import Foundation
import GRDB

extension Journal {
    /// Commits a batch of outcomes in one transaction and returns how many were new.
    ///
    /// Idempotent: a trial already recorded keeps its first outcome, and an id the journal does
    /// not hold is skipped.
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
                var changed = 0
                for entry in batch {
                    switch entry {
                    case let .done(trialID, result, attempts, worker):
                        try update.execute(arguments: [
                            "done", attempts, JournalJSON.result(result), nil, worker, now, JournalTrialKey.stored(trialID),
                        ])
                    case let .failed(trialID, message, attempts, worker):
                        try update.execute(arguments: ["failed", attempts, nil, message, worker, now, JournalTrialKey.stored(trialID)])
                    }
                    changed += db.changesCount
                }
                return changed
            }
        }
    }
}
