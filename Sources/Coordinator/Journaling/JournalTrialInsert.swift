import Foundation
import GRDB

/// Adds rows to `trials`, many to a statement: registering a spec adds one per trial.
///
/// Without `upsert` every id must be new; with it, a row whose id exists takes the new grid index
/// and configuration row (a command trial's timeout or working directory may have changed; its
/// identity has not) and keeps everything else, and is not rewritten when both are the same. Values are
/// bound one by one through GRDB's `StatementBinding` rather than as `StatementArguments`, which
/// would box every value of every row.
struct JournalTrialInsert {
    private struct Row {
        var id: String
        var configID: Int64
        var seed: Int64
        var gridIndex: Int64
    }

    /// Rows per statement (4 arguments each).
    private static let batchRows = 128
    private let db: Database
    private let upsert: Bool
    private let batch: Statement
    private var rows: [Row] = []
    /// The stored bytes of an id, reused for every row.
    private var key = Data(count: JournalTrialKey.byteCount)

    init(_ db: Database, upsert: Bool) throws {
        self.db = db
        self.upsert = upsert
        batch = try db.makeStatement(sql: Self.sql(rows: Self.batchRows, upsert: upsert))
        rows.reserveCapacity(Self.batchRows)
    }

    /// Adds a trial; its row is written by this call or a later one, at the latest by ``finish()``.
    mutating func add(id: String, configID: Int64, seed: UInt64, gridIndex: Int) throws {
        rows.append(Row(id: id, configID: configID, seed: Int64(bitPattern: seed), gridIndex: Int64(gridIndex)))
        if rows.count == Self.batchRows { try write(batch) }
    }

    /// Writes the rows added since the last full statement.
    mutating func finish() throws {
        guard !rows.isEmpty else { return }
        try write(db.makeStatement(sql: Self.sql(rows: rows.count, upsert: upsert)))
    }

    /// Binds every pending row to `statement`, which has that many rows of arguments, and runs it.
    private mutating func write(_ statement: Statement) throws {
        // Resets the statement and clears its bindings; `execute()` then keeps the bindings below.
        statement.setUncheckedArguments(StatementArguments())
        let sqlite = statement.sqliteStatement
        for (position, row) in rows.enumerated() {
            let first = CInt(4 * position + 1)
            try check(JournalTrialKey.bind(row.id, to: sqlite, at: first, bytes: &key), statement)
            try check(row.configID.bind(to: sqlite, at: first + 1), statement)
            try check(row.seed.bind(to: sqlite, at: first + 2), statement)
            try check(row.gridIndex.bind(to: sqlite, at: first + 3), statement)
        }
        try statement.execute()
        rows.removeAll(keepingCapacity: true)
    }

    private func check(_ code: CInt, _ statement: Statement) throws {
        guard code != ResultCode.SQLITE_OK.rawValue else { return }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
    }

    private static func sql(rows: Int, upsert: Bool) -> String {
        "INSERT INTO trials (id, config_id, seed, grid_index) VALUES "
            + Array(repeating: "(?, ?, ?, ?)", count: rows).joined(separator: ", ")
            + (upsert
                ? " ON CONFLICT (id) DO UPDATE SET grid_index = excluded.grid_index, config_id = excluded.config_id"
                    + " WHERE grid_index IS NOT excluded.grid_index OR config_id IS NOT excluded.config_id"
                : "")
    }
}
