import GRDB

/// The journal's tables, their migrations and the schema version check (docs/JOURNAL.md).
///
/// Schema 1 held each trial's configuration and axes in its `trials` row; schema 2 holds each
/// distinct configuration once in `configs`, which `trials.config_id` refers to.
/// `trials.seed` holds the UInt64 seed bit-cast to SQLite's signed 64-bit INTEGER
/// (`Int64(bitPattern:)`), so seeds ≥ 2⁶³ read as negative numbers in the sqlite3 shell.
/// `trials.grid_index` is NULL for trials that are not part of the last registered spec.
/// Schema 3 adds `trial_logs`: the end of a command trial's output, per trial and attempt.
enum JournalSchema {
    /// The newest schema version this build reads and writes.
    static let supportedVersion = 3

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
        migrator.registerMigration("v2", migrate: moveConfigsToTheirTable)
        migrator.registerMigration("v3") { db in try db.execute(sql: trialLogsSQL) }
        return migrator
    }

    /// Schema 1 → 2: each distinct configuration moves to `configs`, with the axes of a trial of
    /// the current spec when one has it; each trial keeps its id (as ``JournalTrialKey`` stores
    /// it), seed, grid index and outcome, and refers to its configuration by `config_id`.
    private static func moveConfigsToTheirTable(_ db: Database) throws {
        db.add(function: JournalConfigHash.hashFunction)
        db.add(function: JournalTrialKey.function)
        try db.execute(sql: """
            CREATE TABLE configs (
                id INTEGER PRIMARY KEY,
                hash BLOB NOT NULL UNIQUE,
                config TEXT NOT NULL,
                axes TEXT NOT NULL
            );
            INSERT INTO configs (hash, config, axes)
                SELECT mirrorsweep_config_hash(config), config, axes
                FROM (SELECT config, axes, max(grid_index IS NOT NULL) FROM trials GROUP BY config);
            CREATE TABLE trials_v2 (
                id NOT NULL,
                config_id INTEGER NOT NULL REFERENCES configs (id),
                seed INTEGER NOT NULL,
                grid_index INTEGER,
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                result TEXT,
                error TEXT,
                worker TEXT,
                recorded_at REAL
            );
            INSERT INTO trials_v2 (id, config_id, seed, grid_index, state, attempts, result, error, worker, recorded_at)
                SELECT mirrorsweep_trial_key(trials.id), configs.id, trials.seed, trials.grid_index, trials.state,
                       trials.attempts, trials.result, trials.error, trials.worker, trials.recorded_at
                FROM trials JOIN configs ON configs.config = trials.config ORDER BY trials.grid_index;
            DROP TABLE trials;
            ALTER TABLE trials_v2 RENAME TO trials;
            """)
        try db.execute(sql: trialIndexesSQL)
    }

    /// Creates `trial_logs`: one row per attempt that left a log, its `trial_id` stored as
    /// `trials.id` is (``JournalTrialKey``), `failure` the attempt's error message (NULL when it
    /// returned a result) and `stream` the end of its standard output and error.
    static let trialLogsSQL = """
        CREATE TABLE trial_logs (
            trial_id NOT NULL,
            attempt INTEGER NOT NULL,
            failure TEXT,
            stream TEXT NOT NULL,
            recorded_at REAL NOT NULL,
            PRIMARY KEY (trial_id, attempt)
        )
        """

    /// Creates the indexes of `trials`: by id (unique) and by grid index.
    static let trialIndexesSQL = """
        CREATE UNIQUE INDEX trials_id ON trials (id);
        CREATE INDEX trials_grid_index ON trials (grid_index);
        """

    /// Drops the indexes of `trials`, to add many rows and index them once.
    static let dropTrialIndexesSQL = "DROP INDEX trials_id; DROP INDEX trials_grid_index"

    /// What an opened file holds before migrating.
    struct Stored {
        /// The schema version the file records, nil for a new file.
        var version: Int?
        /// The mirrorsweep version that last wrote the file as coordinator, when recorded.
        var toolVersion: String?
        /// Whether the file holds tables but no `meta` table: some other program's database.
        var isForeign: Bool
    }

    static func stored(_ db: Database) throws -> Stored {
        guard try db.tableExists("meta") else {
            let tables = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") ?? 0
            return Stored(version: nil, toolVersion: nil, isForeign: tables > 0)
        }
        func meta(_ key: String) throws -> String? {
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        }
        return Stored(version: try meta("schema_version").flatMap { Int($0) }, toolVersion: try meta("tool_version"), isForeign: false)
    }
}
