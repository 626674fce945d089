import Core
import Crypto
import Foundation
import GRDB
import SweepSpecs

extension Journal {
    /// Makes `trials` the journal's current spec, in one transaction.
    ///
    /// Each distinct configuration is stored once, in `configs`, with the axes of its grid point.
    /// New trials are added as pending; trials already present (same id) keep their state and
    /// outcome and take the new grid index. Trials absent from `trials` stay in the file but leave
    /// the current spec. Rows that do not change are not rewritten, so registering the same spec
    /// again only reads. `trials` must have distinct ids, as ``SweepSpec/expand()`` gives.
    /// Returns how many were added and how many existed.
    @discardableResult
    public func register(spec name: String, specText: String, trials: [TrialSpec]) throws -> (added: Int, existing: Int) {
        try register(spec: name, specText: specText, trials: trials, gridAxes: nil)
    }

    /// ``register(spec:specText:trials:)``; `gridAxes`, when given, says that `trials` are the
    /// expansion of one spec whose axes are these fields (``SweepSpec/axisNames``), so that the
    /// configurations' canonical JSON comes from a ``TrialIdentity/CanonicalTemplate``.
    @discardableResult
    package func register(spec name: String, specText: String, trials: [TrialSpec], gridAxes: [String]?) throws -> (added: Int, existing: Int) {
        let counts = try registerChanges(spec: name, specText: specText, trials: trials, gridAxes: gridAxes)
        return (counts.added, counts.existing)
    }

    /// ``register(spec:specText:trials:gridAxes:)``, returning what it changed: how many trials
    /// were added, existed, and left the current spec.
    package func registerChanges(spec name: String, specText: String, trials: [TrialSpec], gridAxes: [String]?) throws -> JournalRegistration {
        let now = Date().timeIntervalSince1970
        let counts = try perform("register spec '\(name)'") {
            try pool.write { db in
                try Journal.register(db, spec: name, specText: specText, trials: trials, gridAxes: gridAxes, at: now)
            }
        }
        logger.info(
            "registered spec",
            metadata: ["spec": "\(name)", "added": "\(counts.added)", "existing": "\(counts.existing)", "left": "\(counts.left)"])
        return counts
    }

    /// ``register(spec:specText:trials:gridAxes:)`` inside the transaction of `db`, at time `now`.
    package static func register(
        _ db: Database, spec name: String, specText: String, trials: [TrialSpec], gridAxes: [String]?, at now: Double
    ) throws -> JournalRegistration {
        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials") ?? 0
        if try isRegistered(db, name: name, specText: specText, count: trials.count) {
            return JournalRegistration(added: 0, existing: trials.count)
        }
        let previousText = try String.fetchOne(db, sql: "SELECT spec_text FROM sweep WHERE id = 1")
        let configIDs = try registerConfigs(db, trials: trials, gridAxes: gridAxes)
        // Rows go in grid order, so that reading in grid order reads the file in order. An empty
        // table gets plain inserts and is indexed once at the end.
        if before == 0 { try db.execute(sql: JournalSchema.dropTrialIndexesSQL) }
        var insert = try JournalTrialInsert(db, upsert: before > 0)
        for position in trials.indices.sorted(by: { trials[$0].index < trials[$1].index }) {
            let trial = trials[position]
            try insert.add(id: trial.id, configID: configIDs[position], seed: trial.seed, gridIndex: trial.index)
        }
        try insert.finish()
        if before == 0 { try db.execute(sql: JournalSchema.trialIndexesSQL) }
        let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials") ?? 0
        let left = try dropStaleTrials(db, current: trials)
        try db.execute(
            sql: """
                INSERT INTO sweep (id, name, spec_text, created_at, updated_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, spec_text = excluded.spec_text, updated_at = excluded.updated_at
                """,
            arguments: [name, specText, now, now])
        return JournalRegistration(
            added: after - before, existing: trials.count - (after - before), left: left.count, leftRecorded: left.recorded,
            specChanged: previousText.map { $0 != specText } ?? false)
    }

    /// Stores each distinct configuration of `trials` in `configs` once, with the axes of its
    /// trials, and returns the `configs` key of each trial by position.
    private static func registerConfigs(_ db: Database, trials: [TrialSpec], gridAxes: [String]?) throws -> [Int64] {
        let isEmpty = try Int.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM configs)") == 1
        let find = try db.cachedStatement(sql: "SELECT id, axes FROM configs WHERE hash = ?")
        let insert = try db.cachedStatement(sql: "INSERT INTO configs (hash, config, axes) VALUES (?, ?, ?)")
        let template = gridAxes.flatMap { axes in
            trials.first?.work.coreConfig.map { TrialIdentity.CanonicalTemplate(sample: $0, varying: Set(axes)) }
        }
        var keys: [SHA256.Digest: Int64] = [:]
        var previous: (work: TrialWork, key: Int64)?
        var configIDs: [Int64] = []
        configIDs.reserveCapacity(trials.count)
        for trial in trials {
            if let previous, previous.work == trial.work {
                configIDs.append(previous.key)
                continue
            }
            let canonical: [UInt8]
            switch trial.work {
            case let .core(config): canonical = template?.bytes(of: config) ?? TrialIdentity.canonicalBytes(of: config)
            case let .command(command): canonical = command.json
            }
            let digest = SHA256.hash(data: canonical)
            let key: Int64
            if let known = keys[digest] {
                key = known
            } else {
                let hash = Data(digest)
                let config = String(decoding: canonical, as: UTF8.self)
                let axes = JournalJSON.axes(trial.axes)
                if !isEmpty, let stored = try Row.fetchOne(find, arguments: [hash]) {
                    key = stored["id"]
                    if stored["axes"] as String? != axes {
                        try db.execute(sql: "UPDATE configs SET axes = ? WHERE id = ?", arguments: [axes, key])
                    }
                } else {
                    try insert.execute(arguments: [hash, config, axes])
                    key = db.lastInsertedRowID
                }
                keys[digest] = key
            }
            previous = (trial.work, key)
            configIDs.append(key)
        }
        return configIDs
    }

    /// Whether the journal already holds exactly this spec: the same name and text, and `count`
    /// trials with a grid index. Resuming then needs no registration.
    private static func isRegistered(_ db: Database, name: String, specText: String, count: Int) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, spec_text FROM sweep WHERE id = 1"),
              row[0] as String == name, row[1] as String == specText else { return false }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE grid_index IS NOT NULL") == count
    }

    /// Takes trials of an earlier spec that `current` lacks out of the current spec, and returns
    /// how many left it and how many of those were recorded. Only when more rows than `current`
    /// have a grid index are the rows compared one by one.
    private static func dropStaleTrials(_ db: Database, current: [TrialSpec]) throws -> (count: Int, recorded: Int) {
        let indexed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE grid_index IS NOT NULL") ?? 0
        guard indexed > current.count else { return (0, 0) }
        var expected: [Int: String] = [:]
        expected.reserveCapacity(current.count)
        for trial in current { expected[trial.index] = trial.id }
        let clear = try db.cachedStatement(sql: "UPDATE trials SET grid_index = NULL WHERE rowid = ?")
        let rows = try Row.fetchAll(
            db, sql: "SELECT rowid, \(JournalTrialKey.textSQL) AS id, grid_index, state FROM trials WHERE grid_index IS NOT NULL")
        var left = (count: 0, recorded: 0)
        for row in rows where expected[row["grid_index"]] != row["id"] as String {
            try clear.execute(arguments: [row["rowid"] as Int64])
            left.count += 1
            if row["state"] as String != "pending" { left.recorded += 1 }
        }
        return left
    }

    /// Which grid indexes below `count` hold a recorded (done or failed) trial of the current spec.
    package func recordedGridIndexes(below count: Int) throws -> [Bool] {
        try perform("read recorded trials") {
            try pool.read { db in
                var recorded = [Bool](repeating: false, count: count)
                let indexes = try Int.fetchCursor(
                    db, sql: "SELECT grid_index FROM trials WHERE grid_index IS NOT NULL AND state != 'pending'")
                while let index = try indexes.next() {
                    if index >= 0 && index < count { recorded[index] = true }
                }
                return recorded
            }
        }
    }

    /// The ids of every recorded (done or failed) trial, of any spec.
    public func recordedIDs() throws -> Set<String> {
        try perform("read recorded trials") {
            try pool.read { db in
                try Set(String.fetchCursor(db, sql: "SELECT \(JournalTrialKey.textSQL) FROM trials WHERE state != 'pending'"))
            }
        }
    }

    /// The current spec's trials not yet recorded, in grid order.
    public func pendingTrials() throws -> [TrialSpec] {
        try perform("read pending trials") {
            try pool.read { db in
                var decoder = JournalJSON.Decoder(path: path)
                var specs: [TrialSpec] = []
                let rows = try JournalTrialRow.fetchCursor(db, sql: JournalTrialRow.sql(layout, where: "trials.state = 'pending'"))
                while let row = try rows.next() {
                    specs.append(try Journal.trialSpec(row, decoder: &decoder))
                }
                return specs
            }
        }
    }

    /// Every trial of the current spec with its outcome, if recorded, in grid order; with
    /// `includingEarlierSpecs`, the trials only earlier specs of the run have follow, numbered
    /// after the grid in the order they were added, with the axes their spec gave them.
    public func records(includingEarlierSpecs: Bool = false) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        try forEachRecord(includingEarlierSpecs: includingEarlierSpecs) { records.append($0) }
        return records
    }

    /// Calls `body` with each trial ``records(includingEarlierSpecs:)`` would return, in its
    /// order, decoding one at a time, so that only what `body` keeps stays in memory.
    public func forEachRecord(includingEarlierSpecs: Bool = false, _ body: (TrialRecord) -> Void) throws {
        try perform("read trial records") {
            try pool.read { db in
                var decoder = JournalJSON.Decoder(path: path)
                let sql = includingEarlierSpecs ? JournalTrialRow.everyTrialSQL(layout) : JournalTrialRow.sql(layout)
                let rows = try JournalTrialRow.fetchCursor(db, sql: sql)
                var nextIndex = 0
                while let row = try rows.next() {
                    let index = row.gridIndex ?? nextIndex
                    nextIndex = index + 1
                    let spec = try Journal.trialSpec(row, index: index, decoder: &decoder)
                    let outcome: TrialOutcome?
                    switch row.state {
                    case "done":
                        outcome = .done(try decoder.result(row.result, trialID: row.id))
                    case "failed":
                        outcome = .failed(message: row.error ?? "", attempts: row.attempts)
                    default:
                        outcome = nil
                    }
                    body(TrialRecord(spec: spec, outcome: outcome))
                }
            }
        }
    }

    /// The first `limit` failed trials of the current spec, in grid order, with their outcomes.
    public func failedRecords(limit: Int) throws -> [TrialRecord] {
        try perform("read failed trials") {
            try pool.read { db in
                var decoder = JournalJSON.Decoder(path: path)
                let sql = JournalTrialRow.sql(layout, where: "trials.state = 'failed'") + " LIMIT \(max(0, limit))"
                return try JournalTrialRow.fetchAll(db, sql: sql).map { row in
                    TrialRecord(spec: try Journal.trialSpec(row, decoder: &decoder),
                                outcome: .failed(message: row.error ?? "", attempts: row.attempts))
                }
            }
        }
    }

    /// How many trials of the current spec are done, failed and pending.
    public func counts() throws -> JournalCounts {
        try perform("count trials") {
            try pool.read { db in
                // One pass, without sorting the trials by state as GROUP BY would.
                let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*), COUNT(CASE state WHEN 'done' THEN 1 END), COUNT(CASE state WHEN 'failed' THEN 1 END)
                    FROM trials WHERE grid_index IS NOT NULL
                    """)
                let total: Int = row?[0] ?? 0, done: Int = row?[1] ?? 0, failed: Int = row?[2] ?? 0
                return JournalCounts(total: total, done: done, failed: failed, pending: total - done - failed)
            }
        }
    }

    /// The trial spec of a row, at `index` or else its grid index.
    static func trialSpec(_ row: JournalTrialRow, index: Int? = nil, decoder: inout JournalJSON.Decoder) throws -> TrialSpec {
        TrialSpec(
            id: row.id, index: index ?? row.gridIndex ?? 0, work: try decoder.work(row.config, trialID: row.id),
            seed: UInt64(bitPattern: row.seed), axes: try decoder.axes(row.axes, trialID: row.id))
    }
}
