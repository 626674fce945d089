import Foundation
import GRDB
import Journaling
import Logging
import Testing

/// Bad journal states and run directories: each gives the exact message users see, and what the
/// file holds is never modified.
@Suite("Journal errors")
struct JournalErrorTests {
    /// A run directory holding a journal with `count` registered trials, closed, with every page in
    /// the database file (the pool's read-only connections close last and leave the WAL; a
    /// read-write connection closing last moves it into the file and deletes it).
    private func writtenJournal(_ run: TemporaryRunDirectory, trials count: Int) throws {
        let journal = try run.open()
        try journal.register(spec: "demo", specText: "", trials: makeJournalTrials((0..<count).map { "trial-\($0)" }))
        try journal.close()
        try DatabaseQueue(path: run.journalPath).close()
        #expect(!FileManager.default.fileExists(atPath: run.journalPath + "-wal"), "closing left the WAL behind")
    }

    /// The `meta` entries of a journal, read with SQLite directly.
    private func meta(_ path: String) throws -> [String: String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { ($0[0], $0[1]) })
        }
    }

    private func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// What opening `run`'s journal says when the file is damaged or not a journal, for `reason`.
    private func damaged(_ run: TemporaryRunDirectory, _ reason: String) -> String {
        """
        journal \(run.journalPath) is damaged or not a MirrorSweep journal (\(reason)); it was left as it is: \
        restore it from a backup, or move it away to start over
        """
    }

    /// Writes `contents` as `run`'s journal, then expects opening it to be refused as damaged for
    /// `reason`, with the file left as it is.
    private func expectRefused(
        _ run: TemporaryRunDirectory, writing contents: Data, reason: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        try contents.write(to: URL(fileURLWithPath: run.journalPath))
        let error = #expect(throws: JournalError.self, sourceLocation: sourceLocation) { try run.open() }
        #expect(error?.description == damaged(run, reason), sourceLocation: sourceLocation)
        #expect(try bytes(run.journalPath) == contents, sourceLocation: sourceLocation)
    }

    @Test("a journal written by a newer mirrorsweep is refused, naming both schema versions and the writer")
    func newerVersion() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        do {
            let journal = try run.open()
            try journal.setMeta("schema_version", String(Journal.supportedSchemaVersion + 1))
            try journal.setMeta("tool_version", "9.0.0")
            try journal.close()
        }
        let before = try meta(run.journalPath)
        let error = #expect(throws: JournalError.self) { try run.open() }
        #expect(error?.description == """
            journal \(run.journalPath) has schema version \(Journal.supportedSchemaVersion + 1) \
            (written by mirrorsweep 9.0.0), but this mirrorsweep reads schema versions up to \
            \(Journal.supportedSchemaVersion); use mirrorsweep 9.0.0 or newer
            """)
        #expect(try meta(run.journalPath) == before)
    }

    @Test("a file of garbage bytes is refused as not a journal and left as it is")
    func garbage() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try FileManager.default.createDirectory(atPath: run.path, withIntermediateDirectories: true)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try expectRefused(run, writing: garbage, reason: "the file does not start with the SQLite header")
    }

    @Test("a truncated journal is refused with both sizes and left as it is")
    func truncated() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try writtenJournal(run, trials: 200)
        let whole = try bytes(run.journalPath)
        let half = whole.prefix(whole.count / 2)
        try expectRefused(
            run, writing: half, reason: "the file is truncated: its header gives \(whole.count) bytes, the file has \(half.count)")
    }

    @Test("garbage after an intact header is reported as SQLite finds it, and the file is left as it is")
    func damagedPages() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try writtenJournal(run, trials: 200)
        var damaged = try bytes(run.journalPath)
        for i in 100..<damaged.count { damaged[i] = UInt8(truncatingIfNeeded: i &* 131 &+ 17) }
        try expectRefused(run, writing: damaged, reason: "SQLite error 11: database disk image is malformed")
    }

    @Test("another program's SQLite database is refused and left as it is")
    func foreignDatabase() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try FileManager.default.createDirectory(atPath: run.path, withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: run.journalPath)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
                try db.execute(sql: "INSERT INTO photos (name) VALUES ('beach')")
            }
            try queue.close()
        }
        let error = #expect(throws: JournalError.self) { try run.open() }
        #expect(error?.description == damaged(run, "it is a SQLite database without the journal's meta table"))
        let queue = try DatabaseQueue(path: run.journalPath)
        defer { try? queue.close() }
        let tables = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["photos"])
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT name FROM photos") } == ["beach"])
    }

    @Test("a run directory below a regular file is refused, naming the file")
    func runDirectoryBelowFile() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try FileManager.default.createDirectory(atPath: run.path, withIntermediateDirectories: true)
        let file = (run.path as NSString).appendingPathComponent("notes.txt")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: file))
        let target = (file as NSString).appendingPathComponent("run")
        let error = #expect(throws: JournalError.self) {
            try Journal.open(runDirectory: target, toolVersion: "test", logger: Logger(label: "journal-error-tests"))
        }
        #expect(error?.description == """
            run directory \(target) is not usable: \(file) is a file, not a directory; choose another run directory
            """)
    }
}
