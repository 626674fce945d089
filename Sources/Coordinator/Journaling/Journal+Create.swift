import Foundation
import GRDB
import Logging
import SweepSpecs

extension Journal {
    /// The file a new journal is written to before it is renamed to ``fileName``.
    static let newFileName = fileName + ".new"

    /// Whether `runDirectory` holds no journal: neither the database nor a write-ahead log or
    /// shared-memory file of one.
    package static func isAbsent(runDirectory: String) -> Bool {
        let path = (runDirectory as NSString).appendingPathComponent(fileName)
        return ["", "-wal", "-shm"].allSatisfy { !FileManager.default.fileExists(atPath: path + $0) }
    }

    /// Creates the journal of `runDirectory`, which holds none (``isAbsent(runDirectory:)``), with
    /// `trials` registered as the current spec as ``register(spec:specText:trials:gridAxes:)``
    /// registers them, and opens it as ``open(runDirectory:toolVersion:logger:)`` does.
    ///
    /// The database is written whole to ``newFileName`` beside it, without a rollback journal or
    /// syncs, then synced and renamed into place, and the directory synced: a crash leaves no
    /// journal (the next coordinator starts over, replacing what is left of the new file) or the
    /// complete one. Returns the journal and how many trials were added and already there.
    package static func create(
        runDirectory: String, toolVersion: String, spec name: String, specText: String, trials: [TrialSpec], gridAxes: [String]?,
        logger: Logger
    ) throws -> (journal: Journal, added: Int, existing: Int) {
        let path = (runDirectory as NSString).appendingPathComponent(fileName)
        let temporary = (runDirectory as NSString).appendingPathComponent(newFileName)
        let now = Date().timeIntervalSince1970
        let counts: JournalRegistration
        do {
            for leftover in [temporary, temporary + "-journal"] where unlink(leftover) != 0 && errno != ENOENT {
                throw JournalError.journal(
                    path: path, operation: "remove \(leftover)", cause: JournalFileCheck.errnoText(errno))
            }
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // Nothing to roll back or sync: the file is synced once, before it becomes the journal.
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
            }
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            try JournalSchema.migrator.migrate(queue)
            counts = try queue.write { db in
                try setMeta(db, "schema_version", String(JournalSchema.supportedVersion))
                try setMeta(db, "tool_version", toolVersion)
                return try register(db, spec: name, specText: specText, trials: trials, gridAxes: gridAxes, at: now)
            }
            try queue.close()
            try sync(temporary, path: path)
            guard rename(temporary, path) == 0 else {
                throw JournalError.journal(path: path, operation: "rename \(temporary)", cause: JournalFileCheck.errnoText(errno))
            }
            try sync(runDirectory, path: path)
        } catch {
            unlink(temporary)
            throw failure(error, path: path, operation: "register spec '\(name)' in a new journal")
        }
        logger.info(
            "registered spec in a new journal",
            metadata: ["spec": "\(name)", "added": "\(counts.added)", "existing": "\(counts.existing)"])
        return (try open(runDirectory: runDirectory, toolVersion: toolVersion, logger: logger), counts.added, counts.existing)
    }

    /// `fsync` of the file or directory `file`; errors name the journal at `path`.
    private static func sync(_ file: String, path: String) throws {
        let descriptor = Foundation.open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JournalError.journal(path: path, operation: "open \(file) to sync it", cause: JournalFileCheck.errnoText(errno))
        }
        defer { Foundation.close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw JournalError.journal(path: path, operation: "sync \(file)", cause: JournalFileCheck.errnoText(errno))
        }
    }
}
