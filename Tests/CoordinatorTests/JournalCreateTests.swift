import Core
import Foundation
@testable import JSON
import GRDB
@testable import Journaling
import Logging
@testable import Serving
@testable import SweepSpecs
import Testing
@testable import Wire

/// A run directory without a journal gets one written whole to a new file and renamed into place.
@Suite("New journal")
struct JournalCreateTests {
    private let logger = Logger(label: "journal-create-tests")

    private func specPath() throws -> String {
        try #require(Bundle.module.url(forResource: "schema1-spec", withExtension: "yaml", subdirectory: "Fixtures")).path
    }

    private func prepare(_ run: TemporaryRunDirectory) throws -> PreparedSweep {
        try PreparedSweep.prepare(specPath: try specPath(), runDirectory: run.path, toolVersion: "test", command: "test", logger: logger)
    }

    /// What a journal holds, read with SQL: its trials and configurations row by row, its meta
    /// entries and its sweep's name and text.
    private func contents(_ path: String) throws -> [[DatabaseValue]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT rowid, id, config_id, seed, grid_index, state, attempts, result, error, worker, recorded_at FROM trials
                ORDER BY rowid
                """).map { Array($0.databaseValues) }
                + Row.fetchAll(db, sql: "SELECT id, hash, config, axes FROM configs ORDER BY id").map { Array($0.databaseValues) }
                + Row.fetchAll(db, sql: "SELECT key, value FROM meta ORDER BY key").map { Array($0.databaseValues) }
                + Row.fetchAll(db, sql: "SELECT name, spec_text FROM sweep").map { Array($0.databaseValues) }
                + Row.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier").map { Array($0.databaseValues) }
        }
    }

    @Test("a new journal holds what registering in an opened journal writes, and commits with WAL and synchronous FULL")
    func sameAsRegisteredInPlace() throws {
        let created = TemporaryRunDirectory()
        let inPlace = TemporaryRunDirectory()
        defer {
            created.cleanUp()
            inPlace.cleanUp()
        }
        let prepared = try prepare(created)
        let trials = try SweepSpec.load(path: try specPath()).expand()
        #expect(prepared.added == trials.count && prepared.existing == 0)
        #expect(prepared.pending == trials)
        #expect(try prepared.journal.pendingTrials() == trials)
        let settings = try prepared.journal.durability()
        #expect(settings.journalMode == "wal" && settings.synchronous == 2)
        try prepared.journal.close()
        #expect(!FileManager.default.fileExists(atPath: created.journalPath + ".new"))

        let journal = try inPlace.open()
        try journal.register(spec: "schema1", specText: try String(contentsOfFile: try specPath(), encoding: .utf8), trials: trials)
        try journal.close()
        #expect(try contents(created.journalPath) == contents(inPlace.journalPath))
    }

    @Test("what a creation cut short left beside the journal is replaced")
    func replacesLeftovers() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try FileManager.default.createDirectory(atPath: run.path, withIntermediateDirectories: true)
        for leftover in [".new", ".new-journal"] {
            try Data("half a journal".utf8).write(to: URL(fileURLWithPath: run.journalPath + leftover))
        }
        let prepared = try prepare(run)
        #expect(prepared.added == 24)
        #expect(try prepared.journal.counts() == JournalCounts(total: 24, done: 0, failed: 0, pending: 24))
        for leftover in [".new", ".new-journal"] { #expect(!FileManager.default.fileExists(atPath: run.journalPath + leftover)) }
    }

    @Test("a new journal resumes: prepared again, nothing is added and its recorded trials are not pending")
    func resumes() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        do {
            let prepared = try prepare(run)
            try prepared.journal.record(
                prepared.pending.prefix(5).map { .done(trialID: $0.id, result: makeJournalResult(1), attempts: 1, worker: "w") })
            try prepared.journal.close()
        }
        let again = try prepare(run)
        #expect(again.added == 0 && again.existing == 24)
        #expect(again.pending.count == 19)
        #expect(try again.journal.counts() == JournalCounts(total: 24, done: 5, failed: 0, pending: 19))
    }

    @Test("axes are stored as the protocol's sorted JSON writes them, escapes included")
    func axesText() {
        for axes in [
            [AxisValue(name: "weight_decay", value: "0.001"), AxisValue(name: "data", value: "/d/é y")],
            [AxisValue(name: "label", value: "a \"b\"\\\n\u{1}")], [],
        ] {
            #expect(JournalJSON.axes(axes) == String(decoding: JSONNodeEncoder.sortedJSON(axes), as: UTF8.self))
        }
    }
}
