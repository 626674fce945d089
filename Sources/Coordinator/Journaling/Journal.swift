import Foundation
import GRDB
import Logging

/// The durable record of a sweep: `journal.sqlite` in the run directory.
///
/// SQLite in WAL mode through a GRDB `DatabasePool`, with `PRAGMA synchronous = FULL` so a
/// committed batch survives power loss. Every method is safe to call from any thread.
public final class Journal: Sendable {
    /// The database file's path.
    public let path: String
    package let pool: DatabasePool
    let logger: Logger
    /// Where the trials' configurations are: always in `configs` once opened for writing.
    package let layout: JournalLayout

    /// The journal's file name inside a run directory.
    public static let fileName = "journal.sqlite"

    /// The newest schema version this build reads and writes.
    public static var supportedSchemaVersion: Int { JournalSchema.supportedVersion }

    private init(path: String, pool: DatabasePool, logger: Logger, layout: JournalLayout) {
        self.path = path
        self.pool = pool
        self.logger = logger
        self.layout = layout
    }

    /// Opens the journal of `runDirectory`, creating the directory and the database if missing,
    /// and migrates a journal of an older schema to the current one.
    ///
    /// Refuses, without modifying anything, a run directory that cannot be written, a journal whose
    /// schema is newer than this build's, and a file that is damaged or not a MirrorSweep journal.
    /// `toolVersion`, when given (by the coordinator), is stored in the `meta` table. Readers use
    /// ``openForReading(runDirectory:logger:)`` instead.
    public static func open(runDirectory: String, toolVersion: String? = nil, logger: Logger) throws -> Journal {
        try JournalFileCheck.prepareRunDirectory(runDirectory)
        let path = (runDirectory as NSString).appendingPathComponent(fileName)
        try JournalFileCheck.checkHeader(path: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw failure(error, path: path, operation: "open")
        }
        let journal = Journal(path: path, pool: pool, logger: logger, layout: .sharedConfigs)
        try journal.perform("open") {
            // Set on the writer once open: GRDB turns WAL on after `prepareDatabase` and sets
            // synchronous = NORMAL with it. A 64 MiB page cache keeps registering a million
            // trials from thrashing the id index.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536")
            }
            let stored = try pool.read(JournalSchema.stored)
            if stored.isForeign {
                throw JournalError.journalDamaged(
                    path: path, cause: "it is a SQLite database without the journal's meta table")
            }
            if let found = stored.version, found > JournalSchema.supportedVersion {
                throw JournalError.journalVersion(
                    path: path, found: found, supported: JournalSchema.supportedVersion, writtenBy: stored.toolVersion)
            }
            if let found = stored.version, found < JournalSchema.supportedVersion {
                logger.info(
                    "migrating journal", metadata: ["path": "\(path)", "from": "\(found)", "to": "\(JournalSchema.supportedVersion)"])
            }
            try JournalSchema.migrator.migrate(pool)
            try pool.write { db in
                try setMeta(db, "schema_version", String(JournalSchema.supportedVersion))
                if let toolVersion { try setMeta(db, "tool_version", toolVersion) }
            }
        }
        logger.debug("opened journal", metadata: ["path": "\(path)"])
        return journal
    }

    /// Opens the journal of `runDirectory` for reading only, as `status`, `table`, `report` and
    /// `plot` do: nothing in the run directory is created or modified, a coordinator may be
    /// serving it meanwhile, and it may be on read-only storage.
    ///
    /// A journal of an older schema is read as it is, without migrating. Refuses a run directory
    /// without a journal, a journal whose schema is newer than this build's, and a file that is
    /// damaged or not a MirrorSweep journal.
    public static func openForReading(runDirectory: String, logger: Logger) throws -> Journal {
        let path = (runDirectory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw JournalError.journal(path: path, operation: "find the journal", cause: "no such file; is \(runDirectory) a run directory?")
        }
        try JournalFileCheck.checkHeader(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: readingLocation(path, runDirectory: runDirectory), configuration: configuration)
        } catch {
            throw failure(error, path: path, operation: "open for reading")
        }
        let version: Int
        do {
            let stored = try pool.read(JournalSchema.stored)
            guard !stored.isForeign, let found = stored.version else {
                throw JournalError.journalDamaged(path: path, cause: "it is a SQLite database without the journal's meta table")
            }
            if found > JournalSchema.supportedVersion {
                throw JournalError.journalVersion(
                    path: path, found: found, supported: JournalSchema.supportedVersion, writtenBy: stored.toolVersion)
            }
            version = found
        } catch {
            throw failure(error, path: path, operation: "open for reading")
        }
        logger.debug("opened journal for reading", metadata: ["path": "\(path)", "schema": "\(version)"])
        return Journal(path: path, pool: pool, logger: logger, layout: JournalLayout(schemaVersion: version))
    }

    /// Where SQLite opens `path` for reading: the path itself, or, when nothing can be written
    /// beside it (read-only storage) and no coordinator left a write-ahead log, an `immutable`
    /// URI, since SQLite cannot create the shared-memory file a WAL database needs otherwise.
    private static func readingLocation(_ path: String, runDirectory: String) -> String {
        let leftovers = ["-wal", "-shm"].contains { FileManager.default.fileExists(atPath: path + $0) }
        guard access(runDirectory, W_OK) != 0, !leftovers else { return path }
        let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
            .replacingOccurrences(of: "#", with: "%23")
        return "file:\(escaped)?immutable=1"
    }

    /// Closes the database; any later call fails.
    public func close() throws {
        try perform("close") { try pool.close() }
    }

    /// Sets a `meta` entry (e.g. a run setting), replacing any previous value.
    public func setMeta(_ key: String, _ value: String) throws {
        try perform("set meta '\(key)'") {
            try pool.write { db in try Journal.setMeta(db, key, value) }
        }
    }

    /// The value of a `meta` entry, nil when absent.
    public func meta(_ key: String) throws -> String? {
        try perform("read meta '\(key)'") {
            try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
        }
    }

    /// Records that a worker was seen at `date`, keeping when it was first seen.
    public func noteWorker(id: String, host: String?, pid: Int?, at date: Date = Date()) throws {
        let seconds = date.timeIntervalSince1970
        try perform("note worker \(id)") {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO workers (id, host, pid, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                            host = excluded.host, pid = excluded.pid, last_seen = excluded.last_seen
                        """,
                    arguments: [id, host, pid, seconds, seconds])
            }
        }
    }

    /// The sweep of the last registered spec, nil before the first registration.
    public func sweep() throws -> JournalSweep? {
        try perform("read the sweep") {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT name, spec_text, created_at, updated_at FROM sweep WHERE id = 1").map {
                    JournalSweep(name: $0[0], specText: $0[1], createdAt: $0[2], updatedAt: $0[3])
                }
            }
        }
    }

    /// The journal mode and synchronous level of the connection that commits.
    public func durability() throws -> JournalDurability {
        try perform("read durability settings") {
            try pool.writeWithoutTransaction { db in
                JournalDurability(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
            }
        }
    }

    static func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    /// Runs `body`, turning any error but a ``JournalError`` into one naming the journal and `operation`.
    package func perform<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Journal.failure(error, path: path, operation: operation)
        }
    }

    /// The ``JournalError`` for `error`: a full disk and a damaged file get their own cases.
    package static func failure(_ error: any Error, path: String, operation: String) -> JournalError {
        if let error = error as? JournalError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_FULL:
                return .journalDiskFull(path: path, operation: operation)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .journalDamaged(path: path, cause: describe(error))
            default:
                break
            }
        }
        return .journal(path: path, operation: operation, cause: describe(error),
                        sqliteCode: (error as? DatabaseError)?.extendedResultCode.rawValue)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        }
        return "\(error)"
    }
}

extension Journal {
    /// How many distinct workers have ever joined this sweep.
    public func workerCount() throws -> Int {
        try perform("count workers") {
            try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM workers") ?? 0 }
        }
    }
}
