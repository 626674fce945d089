import Core
import Foundation
@testable import JSON
import GRDB
@testable import Journaling
import Logging
@testable import Reporting
@testable import SweepSpecs
import Testing
@testable import Wire

/// The table read from a journal: each result's status and metrics read in place, or by SQLite's
/// JSON functions when the text is anything but what the journal writes.
@Suite("Table of a journal")
struct JournalTableTests {
    /// 2 weight decays × 2 learning rates × 3 seeds, registered in `run`.
    private func registered(_ run: TemporaryRunDirectory) throws -> (Journal, [TrialSpec]) {
        let spec = try SweepSpec.parse(yaml: """
            base: {problem: noop}
            grid:
              weight_decay: [0, 0.01]
              learning_rate: [0.1, 0.2]
            seeds: 3
            """, file: "table.yaml")
        let trials = try spec.expand()
        let journal = try run.open()
        try journal.register(spec: "table", specText: "", trials: trials)
        return (journal, trials)
    }

    private func result(_ status: TrialStatus, _ metrics: [String: Double]) -> TrialResult {
        TrialResult(status: status, steps: 10, wallSeconds: 0.25, x: [1, -2.5e-7], metrics: metrics,
                    curves: [CurvePoint(step: 1, metrics: ["train_loss": 0.123456789012345678])])
    }

    /// Sets the stored result of the trial at grid `index` to `text`, as written by hand.
    private func store(_ text: String?, at index: Int, in run: TemporaryRunDirectory) throws {
        let queue = try DatabaseQueue(path: run.journalPath)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "UPDATE trials SET state = 'done', result = ? WHERE grid_index = ?", arguments: [text, index])
        }
    }

    @Test("the table of a journal equals the table of its records, with every kind of outcome and option",
          arguments: [
              Reporting.TableOptions(title: "t"),
              Reporting.TableOptions(title: "t", columns: ["learning_rate"], metrics: ["test_mse", "sparsity", "x"]),
              Reporting.TableOptions(title: "t", rows: ["learning_rate"], pool: ["weight_decay"], metrics: ["recovery_error", "sparsity"]),
          ])
    func equalsRecords(_ options: Reporting.TableOptions) throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let (journal, trials) = try registered(run)
        var entries: [JournalEntry] = []
        for trial in trials where trial.index % 5 != 4 {
            let value = Double(trial.index) / 7
            switch trial.index % 5 {
            case 0:
                let metrics = ["test_mse": value, "sparsity": 1 / (value + 1), "recovery_error": value * value]
                entries.append(.done(trialID: trial.id, result: result(.completed, metrics), attempts: 1, worker: "w"))
            case 1:
                let metrics = ["recovery_error": value, "x": -value]
                entries.append(.done(trialID: trial.id, result: result(.completed, metrics), attempts: 1, worker: nil))
            case 2:
                entries.append(.done(trialID: trial.id, result: result(.diverged, ["test_mse": .nan]), attempts: 2, worker: "w"))
            default: entries.append(.failed(trialID: trial.id, message: "boom", attempts: 3, worker: nil))
            }
        }
        try journal.record(entries)
        let reader = try Journal.openForReading(runDirectory: run.path, logger: Logger(label: "table-tests"))
        let table = try ResultTable(journal: reader, options: options)
        #expect(table == (try ResultTable(records: try reader.records(), options: options)))
        #expect(table.rows.count == (options.rows == nil && options.columns.isEmpty ? 4 : 2))
    }

    @Test("results written by hand read as SQLite's JSON functions and the metrics reader read them")
    func handWrittenResults() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let (journal, _) = try registered(run)
        try journal.close()
        let texts = [
            #" { "status" : "completed" , "x" : [ 1 , { "a" : [ ] } ] , "metrics" : { "m" : 1.5E1 , "n" : "-inf" } } "#,
            #"{"metrics":{"m":2,"m":4},"status":"completed"}"#,
            #"{"metrics":{"\u006d":3},"note":"tab\tand \"quote\" \u00e9","status":"completed"}"#,
            #"{"status":"diverged","metrics":{"m":"not a number"}}"#,
        ]
        for (index, text) in texts.enumerated() { try store(text, at: 3 * index, in: run) }
        let reader = try Journal.openForReading(runDirectory: run.path, logger: Logger(label: "table-tests"))
        let table = try ResultTable(journal: reader, options: Reporting.TableOptions(title: "t", metrics: ["m", "n"]))
        let cells = table.rows.map { $0.cells[0]! }
        #expect(cells[0].metrics["m"]?.mean == 15 && cells[0].metrics["n"]?.mean == -.infinity)
        #expect(cells[1].metrics["m"]?.mean == 4)
        #expect(cells[2].metrics["m"]?.mean == 3 && cells[2].done == 1)
        #expect(cells[3].diverged == 1 && cells[3].metrics.isEmpty)
    }

    @Test("a result that is not one is an error naming the trial", arguments: [
        "not json", #"{"status":"completed"}"#, #"{"metrics":{},"status":"finished"}"#, #"{"metrics":{},"status":"completed"} x"#,
    ])
    func notAResult(_ text: String) throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let (journal, trials) = try registered(run)
        try journal.close()
        try store(text, at: 4, in: run)
        let reader = try Journal.openForReading(runDirectory: run.path, logger: Logger(label: "table-tests"))
        #expect {
            try ResultTable(journal: reader, options: Reporting.TableOptions(title: "t"))
        } throws: { error in
            guard case let JournalError.journalCorruptRow(_, trialID, column, _) = error else { return false }
            return trialID == trials[4].id && column == "result"
        }
    }

    @Test("a result as the journal writes it is read in place, non-finite metrics included")
    func scansWrittenResults() throws {
        let metrics = ["a": 0.1 + 0.2, "b": -1e-300, "c": .nan, "d": .infinity, "e": -.infinity, "f": 12345678901234567168]
        var bytes = Array(JournalJSON.result(result(.completed, metrics)).utf8)
        try bytes.withUnsafeMutableBytes { buffer in
            let scan = try #require(JournalResultScan(UnsafeRawBufferPointer(buffer)))
            #expect(String(decoding: scan.status, as: UTF8.self) == "completed")
            var read: [String: Double] = [:]
            #expect(scan.forEachMetric { name, value in read[String(decoding: name, as: UTF8.self)] = value })
            #expect(read.keys.sorted() == metrics.keys.sorted())
            for (name, value) in metrics { #expect(read[name]?.bitPattern == value.bitPattern) }
        }
    }

    @Test("the scan reads a result only as SQLite's json_valid and json_extract read it", arguments: [
        #"{"metrics":{"a":1,"b":-0.5e-3,"c":"nan","d":"inf","e":"-inf"},"status":"completed"}"#,
        #"{"curves":[{"metrics":{"train_loss":1e2},"step":1}],"metrics":{},"status":"diverged","x":[true,false,null]}"#,
        #"{"metrics":{"a":01},"status":"completed"}"#, #"{"metrics":{"a":1.},"status":"completed"}"#,
        #"{"metrics":{"a":.5},"status":"completed"}"#, #"{"metrics":{"a":-},"status":"completed"}"#,
        #"{"metrics":{"a":1e},"status":"completed"}"#, #"{"metrics":{"a":1,},"status":"completed"}"#,
        #"{"metrics":{"a":1},"status":"completed",}"#, #"{"metrics":{"a":1},"status":"completed"}}"#,
        #"{"metrics":{"a":1},"status":"completed""#, #"{"metrics":{"a":"\x"},"status":"completed"}"#,
        #"{"metrics":{"a":"\u12"},"status":"completed"}"#, "{\"metrics\":{\"a\":\"\u{1}\"},\"status\":\"completed\"}",
        #"{"metrics":{"a":1},"status":"completed","status":"diverged"}"#, #"{"metrics":[1],"status":"completed"}"#,
        #"{"metrics":{"a":1},"status":1}"#, #"{"metrics":{"a":1},"st\u0061tus":"completed"}"#, #"[1,2]"#, "",
        #"{"metrics":{"a":tru},"status":"completed"}"#, #"{"metrics":{"a":1e400},"status":"completed"}"#,
        "{\"x\":" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + ",\"metrics\":{},\"status\":\"completed\"}",
    ])
    func scanAgreesWithSQLite(_ text: String) throws {
        let queue = try DatabaseQueue()
        let sqlite = try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT json_valid(?1), CASE WHEN json_valid(?1) THEN json_extract(?1, '$.status') END,
                       CASE WHEN json_valid(?1) THEN json_extract(?1, '$.metrics') END
                """, arguments: [text])!
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard let scan = JournalResultScan(UnsafeRawBufferPointer(buffer)) else { return }
            #expect(sqlite[0] as Int == 1)
            #expect(String(decoding: scan.status, as: UTF8.self) == sqlite[1] as String?)
            var metrics: [String: Double] = [:]
            if scan.forEachMetric({ name, value in metrics[String(decoding: name, as: UTF8.self)] = value }) {
                let expected = JournalMetricsText.parse(sqlite[2] as String)
                #expect(metrics.count == expected?.count)
                for (name, value) in metrics { #expect(value.bitPattern == expected?[name]?.bitPattern) }
            }
        }
    }

    @Test("axes as the journal writes them read as the JSON decoder reads them; other text is left to it")
    func axesText() throws {
        let axes = [AxisValue(name: "weight_decay", value: "0.001"), AxisValue(name: "data", value: "/d/x y")]
        #expect(JournalAxesText.parse(String(decoding: JSONNodeEncoder.sortedJSON(axes), as: UTF8.self)) == axes)
        #expect(JournalAxesText.parse("[]") == [])
        let escaped = String(decoding: JSONNodeEncoder.sortedJSON([AxisValue(name: "label", value: "a \"b\"\\\n")]), as: UTF8.self)
        for text in [escaped, #"[{"value":"1","name":"a"}]"#, #"[{"name":"a","value":"é"}]"#, #"[{"name":"a","value":"1"} ]"#, "[1]"] {
            #expect(JournalAxesText.parse(text) == nil)
        }
    }
}
