import GRDB

/// The journal's tables, their migrations and the schema version check.
///
/// `trials.seed` holds the UInt64 seed bit-cast to SQLite's signed 64-bit INTEGER
/// (`Int64(bitPattern:)`), so seeds ≥ 2⁶³ read as negative numbers in the sqlite3 shell.
/// `trials.grid_index` is NULL for trials that are not part of the last registered spec.
enum JournalSchema {
    /// The newest schema version this build reads and writes.
    static let supportedVersion = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE sweep (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    name TEXT NOT NULL,
                    spec_text TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE trials (
                    id TEXT PRIMARY KEY NOT NULL,
                    grid_index INTEGER,
                    seed INTEGER NOT NULL,
                    config TEXT NOT NULL,
                    axes TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    result TEXT,
                    error TEXT,
                    worker TEXT,
                    recorded_at REAL
                );
                CREATE INDEX trials_grid_index ON trials (grid_index);
                CREATE TABLE workers (
                    id TEXT PRIMARY KEY NOT NULL,
                    host TEXT,
                    pid INTEGER,
                    first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL
                );
                """)
        }
        return migrator
    }

    /// The schema version the file records, nil for a new file.
    static func storedVersion(_ db: Database) throws -> Int? {
        guard try db.tableExists("meta") else { return nil }
        let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
        return text.flatMap { Int($0) }
    }
}
