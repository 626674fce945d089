import Core
import GRDB
import JSON
import Journaling

extension Journal {
    /// Writes one row per trial, as `options` say, to `write`, in chunks of about 64 KiB; returns
    /// how many trials were written.
    ///
    /// The current spec's trials come in grid order, then, with ``TrialExportOptions/includeEarlierSpecs``,
    /// those of earlier specs in the order they were added. Rows are streamed from one read
    /// transaction (a coordinator may be writing meanwhile): two passes find the columns (the
    /// configuration fields and the metrics any exported trial has), a third writes the rows, so
    /// only one trial and one configuration are held at a time. Errors thrown by `write` are
    /// rethrown as they are.
    public func exportTrials(options: TrialExportOptions, to write: ([UInt8]) throws -> Void) throws -> Int {
        do {
            return try pool.read { db in
                var export = try TrialExportPass(db, journal: self, options: options)
                return try export.run(db, write: write)
            }
        } catch let error as ReportError {
            throw error
        } catch let failure as TrialExportPass.WriteFailure {
            throw failure.error
        } catch {
            throw Journal.failure(error, path: path, operation: "export the trials")
        }
    }
}

/// One export: its columns and conditions, found before any row is written, then the rows.
private struct TrialExportPass {
    /// An error of the caller's `write`, kept apart from the journal's own.
    struct WriteFailure: Error {
        let error: any Error
    }

    /// The trials of the current spec in grid order; with earlier specs, theirs follow.
    private static let currentScope = "trials.grid_index IS NOT NULL"
    private static let earlierScope = "trials.grid_index IS NULL"

    private let path: String
    private let layout: JournalLayout
    private let scopes: [(condition: String, order: String)]
    private let columns: TrialExportColumns
    /// Each condition's column position with its alternatives, one entry per field named.
    private let conditions: [(position: Int, alternatives: [TrialExportCondition])]
    private var encoder: TrialExportEncoder
    /// The last configuration read, since a configuration's seeds follow each other.
    private var last: (text: String, work: TrialWork)?

    init(_ db: Database, journal: Journal, options: TrialExportOptions) throws {
        path = journal.path
        layout = journal.layout
        scopes = [(Self.currentScope, "trials.grid_index")] + (options.includeEarlierSpecs ? [(Self.earlierScope, "trials.rowid")] : [])
        let scope = options.includeEarlierSpecs ? "1" : Self.currentScope
        let configs = "SELECT \(layout.configColumnsSQL) FROM \(layout.trialsSQL) WHERE \(scope)"
        let isCommand = "substr(config, 1, 11) = '{\"command\":'"
        let hasCoreTrials = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM (\(configs)) WHERE NOT \(isCommand))") ?? false
        let commandFields = try String.fetchAll(db, sql: """
            SELECT DISTINCT field.key
            FROM (\(configs)) AS stored, json_each(CASE WHEN json_valid(stored.config) THEN stored.config ELSE '{}' END, '$.fields') AS field
            WHERE \(isCommand) AND typeof(field.key) = 'text'
            """)
        let metrics = try String.fetchAll(db, sql: """
            SELECT DISTINCT metric.key
            FROM trials, json_each(CASE WHEN json_valid(trials.result) THEN trials.result ELSE '{}' END, '$.metrics') AS metric
            WHERE trials.state = 'done' AND \(scope) AND typeof(metric.key) = 'text'
            """)
        columns = TrialExportColumns(hasCoreTrials: hasCoreTrials, commandFields: commandFields, metrics: metrics)
        var grouped: [(position: Int, alternatives: [TrialExportCondition])] = []
        for condition in options.conditions {
            guard let position = columns.names.firstIndex(of: condition.field) else {
                throw ReportError.unknownField(option: "--where", name: condition.field, allowed: columns.names)
            }
            if let group = grouped.firstIndex(where: { $0.position == position }) {
                grouped[group].alternatives.append(condition)
            } else {
                grouped.append((position, [condition]))
            }
        }
        conditions = grouped
        encoder = TrialExportEncoder(format: options.format, names: columns.names)
    }

    /// Writes the header and every trial that meets the conditions; how many trials were written.
    mutating func run(_ db: Database, write: ([UInt8]) throws -> Void) throws -> Int {
        encoder.header()
        var count = 0
        for scope in scopes {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(JournalTrialKey.textSQL), trials.seed, \(layout.configColumnsSQL), trials.state, trials.attempts,
                       trials.result, trials.worker
                FROM \(layout.trialsSQL) WHERE \(scope.condition) ORDER BY \(scope.order)
                """)
            while let row = try rows.next() {
                let cells = try cells(row)
                guard conditions.allSatisfy({ group in group.alternatives.contains { $0.matches(cells[group.position]) } }) else {
                    continue
                }
                encoder.row(cells)
                count += 1
                if encoder.bytes.count >= 1 << 16 { try flush(write) }
            }
        }
        try flush(write)
        return count
    }

    /// The cells of the trial of `row`, whose columns are those ``run(_:write:)`` selects.
    private mutating func cells(_ row: Row) throws -> [JSONValue] {
        let id = try row.decode(String.self, atIndex: 0)
        let text = try row.decode(String.self, atIndex: 2)
        let work: TrialWork
        if let last, last.text == text {
            work = last.work
        } else {
            work = try JournalJSON.Decoder.work(text, path: path, trialID: id)
            last = (text, work)
        }
        let state = try row.decode(String.self, atIndex: 4)
        let result = try row.decode(String?.self, atIndex: 6)
        var outcome: TrialExportOutcome?
        if state == "done" {
            guard let result else {
                throw JournalError.journalCorruptRow(path: path, trialID: id, column: "result", cause: "NULL for a done trial")
            }
            do throws(JSONError) {
                outcome = try TrialExportOutcome(result: result)
            } catch {
                throw JournalError.journalCorruptRow(path: path, trialID: id, column: "result", cause: error.description)
            }
        }
        return columns.cells(
            id: id, seed: UInt64(bitPattern: try row.decode(Int64.self, atIndex: 1)), work: work, state: state,
            attempts: try row.decode(Int.self, atIndex: 5), outcome: outcome, worker: try row.decode(String?.self, atIndex: 7))
    }

    private mutating func flush(_ write: ([UInt8]) throws -> Void) throws {
        guard !encoder.bytes.isEmpty else { return }
        do {
            try write(encoder.bytes)
        } catch {
            throw WriteFailure(error: error)
        }
        encoder.bytes.removeAll(keepingCapacity: true)
    }
}
