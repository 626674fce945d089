import Core
import GRDB
import Journaling

/// Adds the trials of the current spec, read in grid order by ``JournalTableRow/sql(_:)``, to a
/// ``TableBuilder``: each trial to the cell of its configuration, each result read in place by
/// ``JournalResultScan``, or by SQLite's JSON functions when the scan leaves it to them.
struct JournalTableReader {
    private let layout: JournalLayout
    private let configs: JournalTableConfigs
    /// The builder's cell of each configuration, by position in `configs`.
    private let cells: [Int]
    private var decoder: JournalJSON.Decoder
    private var names = JournalMetricNames()
    private var lastKey: DatabaseValue?
    private var lastCell = 0
    /// The metrics of the result being read, before they go to the builder.
    private var metrics: [(id: Int, value: Double)] = []

    init(path: String, layout: JournalLayout, configs: JournalTableConfigs, cells: [Int]) {
        self.layout = layout
        self.configs = configs
        self.cells = cells
        decoder = JournalJSON.Decoder(path: path)
    }

    /// Adds the trial of `row`.
    mutating func add(_ row: Row, db: Database, to builder: inout TableBuilder) throws {
        let cell = try cell(of: row, in: &builder)
        switch row[JournalTableRow.state] as Int {
        case JournalTableRow.done:
            let scanned = try row[JournalTableRow.resultIsText] as Bool
                && row.withUnsafeData(atIndex: JournalTableRow.result) { data in
                    data.map { data in data.withUnsafeBytes { addScanned($0, to: cell, in: &builder) } } ?? false
                }
            if !scanned {
                let stored = try JournalResultRow.fetchOne(db, sql: JournalResultRow.sql, arguments: [row[JournalTableRow.rowID] as Int64])
                guard let stored else { return }
                builder.add(try Journal.tableOutcome(stored, decoder: decoder), to: cell)
            }
        case JournalTableRow.failed:
            builder.addFailed(to: cell)
        default:
            break
        }
    }

    /// The builder's cell of the trial of `row`: that of its configuration.
    private mutating func cell(of row: Row, in builder: inout TableBuilder) throws -> Int {
        let key = try layout.configKey(row, atIndex: JournalTableRow.configKey)
        if key == lastKey { return lastCell }
        if let position = configs.position(of: key) {
            lastCell = cells[position]
        } else {
            lastCell = builder.cell(axes: [], index: try row.decode(Int.self, atIndex: JournalTableRow.gridIndex))
        }
        lastKey = key
        return lastCell
    }

    /// Adds the outcome of the result `text` when ``JournalResultScan`` reads it; false when it
    /// leaves it to SQLite, having added nothing.
    private mutating func addScanned(_ text: UnsafeRawBufferPointer, to cell: Int, in builder: inout TableBuilder) -> Bool {
        guard let scan = JournalResultScan(text) else { return false }
        switch String(decoding: scan.status, as: UTF8.self) {
        case TrialStatus.diverged.rawValue:
            builder.addDiverged(to: cell)
            return true
        case TrialStatus.completed.rawValue:
            break
        default:
            return false
        }
        metrics.removeAll(keepingCapacity: true)
        var position = 0
        let read = scan.forEachMetric { name, value in
            metrics.append((names.id(of: name, at: position, in: &builder), value))
            position += 1
        }
        guard read, !hasRepeatedName() else { return false }
        builder.addCompleted(to: cell)
        for metric in metrics { builder.add(metric.value, metric: metric.id, to: cell) }
        return true
    }

    /// Whether a metric name appears twice in `metrics`, which only the JSON decoder reads.
    private func hasRepeatedName() -> Bool {
        for i in metrics.indices.dropFirst() where metrics[..<i].contains(where: { $0.id == metrics[i].id }) { return true }
        return false
    }
}
