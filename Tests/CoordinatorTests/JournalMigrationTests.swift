import Core
import Foundation
import GRDB
import Journaling
import Logging
import Reporting
import Serving
import SweepSpecs
import Testing

/// A journal written by mirrorsweep with schema 1, opened by this build.
///
/// `Fixtures/schema1-journal.sqlite` was made by the release before schema 2: `run` of a first
/// spec (2 data settings × 3 weight decays × 2 learning rates × 3 seeds, the missing data
/// directory failing), then `plan --prepare` of `Fixtures/schema1-spec.yaml`, which drops one
/// learning rate and adds a weight decay. Its current spec has 24 trials: 9 done, 9 failed and
/// 6 pending; 18 recorded trials belong to the first spec only.
@Suite("Journal migration")
struct JournalMigrationTests {
    private let logger = Logger(label: "journal-migration-tests")
    private let fixtureCounts = JournalCounts(total: 24, done: 9, failed: 9, pending: 6)

    /// A run directory holding a copy of the schema-1 journal.
    private func schema1Run() throws -> TemporaryRunDirectory {
        let run = TemporaryRunDirectory()
        try FileManager.default.createDirectory(atPath: run.path, withIntermediateDirectories: true)
        let fixture = try #require(Bundle.module.url(forResource: "schema1-journal", withExtension: "sqlite", subdirectory: "Fixtures"))
        try FileManager.default.copyItem(atPath: fixture.path, toPath: run.journalPath)
        return run
    }

    private func specPath() throws -> String {
        try #require(Bundle.module.url(forResource: "schema1-spec", withExtension: "yaml", subdirectory: "Fixtures")).path
    }

    /// Every trial row, by id: its configuration, seed, grid index, axes and outcome, read with
    /// SQL from the layout of schema 1 (`config` and `axes` in the row) or 2 (in `configs`).
    private func trialRows(_ path: String) throws -> [String: [DatabaseValue]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let schema2 = try db.tableExists("configs")
            let sql = schema2
                ? """
                  SELECT lower(hex(trials.id)) AS id, configs.config, configs.axes, trials.seed, trials.grid_index, trials.state,
                         trials.attempts, trials.result, trials.error, trials.worker, trials.recorded_at
                  FROM trials JOIN configs ON configs.id = trials.config_id
                  """
                : "SELECT id, config, axes, seed, grid_index, state, attempts, result, error, worker, recorded_at FROM trials"
            var rows: [String: [DatabaseValue]] = [:]
            for row in try Row.fetchAll(db, sql: sql) {
                var values = Array(row.databaseValues)
                // Schema 2 keeps one `axes` per configuration: that of the current spec.
                if row["grid_index"] as Int? == nil { values[2] = .null }
                rows[row["id"]] = values
            }
            return rows
        }
    }

    @Test("a schema-1 journal migrates on opening, keeping every trial's id, configuration, seed and outcome")
    func migrates() throws {
        let run = try schema1Run()
        defer { run.cleanUp() }
        let before = try trialRows(run.journalPath)
        #expect(before.count == 42)
        let journal = try Journal.open(runDirectory: run.path, toolVersion: "test", logger: logger)
        #expect(try journal.meta("schema_version") == String(Journal.supportedSchemaVersion))
        #expect(try journal.counts() == fixtureCounts)
        #expect(try journal.recordedIDs() == Set(before.filter { $0.value[5] != "pending".databaseValue }.keys))
        #expect(try journal.sweep()?.name == "schema1")
        try journal.close()
        #expect(try trialRows(run.journalPath) == before)
        let configs = try DatabaseQueue(path: run.journalPath).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM configs") }
        #expect(configs == Set(before.values.map { $0[1] }).count)
    }

    @Test("a schema-1 journal reads without migrating, and reads the same after migrating")
    func readsBothSchemas() throws {
        let run = try schema1Run()
        defer { run.cleanUp() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: run.journalPath))
        let options = TableOptions(title: "schema 1")
        let reader = try Journal.openForReading(runDirectory: run.path, logger: logger)
        let counts = try reader.counts()
        let records = try reader.records()
        let table = try ResultTable(journal: reader, options: options)
        try reader.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: run.journalPath)) == bytes)
        #expect(counts == fixtureCounts)
        #expect(records.count == 24)
        #expect(table.rows.count == 8)

        try Journal.open(runDirectory: run.path, toolVersion: "test", logger: logger).close()
        let migrated = try Journal.openForReading(runDirectory: run.path, logger: logger)
        #expect(try migrated.counts() == counts)
        #expect(try migrated.records() == records)
        #expect(try ResultTable(journal: migrated, options: options) == table)
    }

    @Test("a migrated schema-1 journal resumes: its spec registers with nothing new, and the pending trials record")
    func resumes() throws {
        let run = try schema1Run()
        defer { run.cleanUp() }
        let pendingIDs = try trialRows(run.journalPath)
            .compactMap { id, row in row[5] == "pending".databaseValue ? Int.fromDatabaseValue(row[4]).map { (id, $0) } : nil }
            .sorted { $0.1 < $1.1 }.map(\.0)
        let prepared = try PreparedSweep.prepare(
            specPath: try specPath(), runDirectory: run.path, toolVersion: "test", command: "test", logger: logger)
        #expect(prepared.added == 0 && prepared.existing == 24)
        #expect(prepared.pending.map(\.id) == pendingIDs)
        #expect(try prepared.journal.pendingTrials() == prepared.pending)
        let recorded = try prepared.journal.record(
            prepared.pending.map { .done(trialID: $0.id, result: makeJournalResult(Double($0.index)), attempts: 1, worker: "w") })
        #expect(recorded == 6)
        #expect(try prepared.journal.counts() == JournalCounts(total: 24, done: 15, failed: 9, pending: 0))

        let changed = try prepared.journal.register(
            spec: "schema1", specText: "registered again", trials: try SweepSpec.load(path: try specPath()).expand())
        #expect(changed.added == 0 && changed.existing == 24)
        #expect(try prepared.journal.counts() == JournalCounts(total: 24, done: 15, failed: 9, pending: 0))
    }
}
