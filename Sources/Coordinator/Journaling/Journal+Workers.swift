import GRDB

extension Journal {
    /// Every worker that joined, latest hello first, with the trials of the current spec each reported.
    public func workers() throws -> [JournalWorker] {
        try perform("read the workers") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT workers.id, workers.host, workers.pid, workers.first_seen, workers.last_seen, COALESCE(counts.n, 0)
                    FROM workers LEFT JOIN (
                        SELECT worker, COUNT(*) AS n FROM trials WHERE grid_index IS NOT NULL AND worker IS NOT NULL GROUP BY worker
                    ) AS counts ON counts.worker = workers.id
                    ORDER BY workers.last_seen DESC, workers.id
                    """).map { row in
                    JournalWorker(id: row[0], host: row[1], pid: row[2], firstSeen: row[3], lastSeen: row[4], trialsReported: row[5])
                }
            }
        }
    }
}
