import Core
import Foundation
import GRDB

extension Journal {
    /// Makes `trials` the journal's current spec, in one transaction.
    ///
    /// New trials are added as pending; trials already present (same id) keep their state and
    /// outcome and take the new grid index and axes. Trials absent from `trials` stay in the
    /// file but leave the current spec. Rows that do not change are not rewritten, so registering
    /// the same spec again only reads. `trials` must have distinct ids, as ``SweepSpec/expand()``
    /// gives. Returns how many were added and how many existed.
    @discardableResult
    public func register(spec name: String, specText: String, trials: [TrialSpec]) throws -> (added: Int, existing: Int) {
        let now = Date().timeIntervalSince1970
        let counts = try perform("register spec '\(name)'") {
            try pool.write { db -> (added: Int, existing: Int) in
                let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials") ?? 0
                if try Journal.isRegistered(db, name: name, specText: specText, count: trials.count) {
                    return (0, trials.count)
                }
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO trials (id, grid_index, seed, config, axes) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET grid_index = excluded.grid_index, axes = excluded.axes
                    WHERE grid_index IS NOT excluded.grid_index OR axes IS NOT excluded.axes
                    """)
                var encoder = JournalJSON.Encoder()
                for position in trials.indices.sorted(by: { trials[$0].id < trials[$1].id }) {
                    let trial = trials[position]
                    try insert.execute(arguments: [
                        trial.id, trial.index, Int64(bitPattern: trial.seed),
                        encoder.config(trial.config), encoder.axes(trial.axes),
                    ])
                }
                let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials") ?? 0
                try Journal.dropStaleTrials(db, current: trials)
                try db.execute(
                    sql: """
                        INSERT INTO sweep (id, name, spec_text, created_at, updated_at) VALUES (1, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                            name = excluded.name, spec_text = excluded.spec_text, updated_at = excluded.updated_at
                        """,
                    arguments: [name, specText, now, now])
                return (after - before, trials.count - (after - before))
            }
        }
        logger.info(
            "registered spec",
            metadata: ["spec": "\(name)", "added": "\(counts.added)", "existing": "\(counts.existing)"])
        return counts
    }

    /// Whether the journal already holds exactly this spec: the same name and text, and `count`
    /// trials with a grid index. Resuming then needs no registration.
    private static func isRegistered(_ db: Database, name: String, specText: String, count: Int) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, spec_text FROM sweep WHERE id = 1"),
              row[0] as String == name, row[1] as String == specText else { return false }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE grid_index IS NOT NULL") == count
    }

    /// Takes trials of an earlier spec that `current` lacks out of the current spec. Only when
    /// more rows than `current` have a grid index are the rows compared one by one.
    private static func dropStaleTrials(_ db: Database, current: [TrialSpec]) throws {
        let indexed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE grid_index IS NOT NULL") ?? 0
        guard indexed > current.count else { return }
        var expected: [Int: String] = [:]
        expected.reserveCapacity(current.count)
        for trial in current { expected[trial.index] = trial.id }
        let clear = try db.cachedStatement(sql: "UPDATE trials SET grid_index = NULL WHERE rowid = ?")
        let rows = try Row.fetchAll(db, sql: "SELECT rowid, id, grid_index FROM trials WHERE grid_index IS NOT NULL")
        for row in rows where expected[row[2]] != row[1] as String {
            try clear.execute(arguments: [row[0] as Int64])
        }
    }

    /// The ids of every recorded (done or failed) trial, of any spec.
    public func recordedIDs() throws -> Set<String> {
        try perform("read recorded trials") {
            try pool.read { db in
                try Set(String.fetchCursor(db, sql: "SELECT id FROM trials WHERE state != 'pending'"))
            }
        }
    }

    /// The current spec's trials not yet recorded, in grid order.
    public func pendingTrials() throws -> [TrialSpec] {
        try perform("read pending trials") {
            try pool.read { db in
                var decoder = JournalJSON.Decoder(path: path)
                var specs: [TrialSpec] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT id, grid_index, seed, config, axes FROM trials
                    WHERE grid_index IS NOT NULL AND state = 'pending' ORDER BY grid_index
                    """)
                while let row = try rows.next() {
                    specs.append(try Journal.trialSpec(row, decoder: &decoder))
                }
                return specs
            }
        }
    }

    /// Every trial of the current spec with its outcome, if recorded, in grid order.
    public func records() throws -> [TrialRecord] {
        try perform("read trial records") {
            try pool.read { db in
                var decoder = JournalJSON.Decoder(path: path)
                var records: [TrialRecord] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT id, grid_index, seed, config, axes, state, attempts, result, error FROM trials
                    WHERE grid_index IS NOT NULL ORDER BY grid_index
                    """)
                while let row = try rows.next() {
                    let spec = try Journal.trialSpec(row, decoder: &decoder)
                    let state: String = row[5]
                    let outcome: TrialOutcome?
                    switch state {
                    case "done":
                        outcome = .done(try decoder.result(row[7], trialID: spec.id))
                    case "failed":
                        outcome = .failed(message: row[8] ?? "", attempts: row[6])
                    default:
                        outcome = nil
                    }
                    records.append(TrialRecord(spec: spec, outcome: outcome))
                }
                return records
            }
        }
    }

    /// How many trials of the current spec are done, failed and pending.
    public func counts() throws -> JournalCounts {
        try perform("count trials") {
            try pool.read { db in
                var counts = JournalCounts(total: 0, done: 0, failed: 0, pending: 0)
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT state, COUNT(*) FROM trials WHERE grid_index IS NOT NULL GROUP BY state")
                while let row = try rows.next() {
                    let count: Int = row[1]
                    switch row[0] as String {
                    case "done": counts.done = count
                    case "failed": counts.failed = count
                    default: counts.pending = count
                    }
                    counts.total += count
                }
                return counts
            }
        }
    }

    /// A trial spec from the first five columns: id, grid_index, seed, config, axes.
    static func trialSpec(_ row: Row, decoder: inout JournalJSON.Decoder) throws -> TrialSpec {
        let id: String = row[0]
        return TrialSpec(
            id: id, index: row[1], config: try decoder.config(row[3], trialID: id),
            seed: UInt64(bitPattern: row[2]), axes: try decoder.axes(row[4], trialID: id))
    }
}
