import Core
import Foundation
import JSON
import Journaling
import Reporting
import SweepSpecs
import Testing

@Suite("Per-trial export: rows, encodings, conditions")
struct TrialExportTests {
    private static let completed = TrialExportOutcome(
        diverged: false, wallSeconds: 1.5, metrics: [(name: "test_mse", value: 0.25), (name: "sparsity", value: .nan)])

    @Test("a core trial's row holds every config field typed, defaults included, then status, attempts, metrics, wall time, worker")
    func coreRowIsTyped() throws {
        var config = TrialConfig()
        config.weightDecay = 0.05
        config.thresholds = [0.001, 0.01]
        let columns = TrialExportColumns(hasCoreTrials: true, commandFields: [], metrics: ["test_mse", "sparsity"])
        #expect(columns.names.prefix(2) == ["trial_id", "seed"])
        #expect(Array(columns.names[2..<(2 + TrialConfig.fieldNames.count)]) == TrialConfig.fieldNames)
        #expect(columns.names.suffix(6) == ["status", "attempts", "metric_sparsity", "test_mse", "wall_seconds", "worker"],
                "the metric sparsity is named apart from the config field sparsity")
        let cells = columns.cells(
            id: "ab12", seed: UInt64.max, work: .core(config), state: "done", attempts: 2, outcome: Self.completed, worker: "w1")
        func cell(_ name: String) throws -> JSONValue { cells[try #require(columns.names.firstIndex(of: name))] }
        #expect(try cell("trial_id") == .string("ab12"))
        #expect(try cell("seed") == .uint(UInt64.max))
        #expect(try cell("weight_decay") == .double(0.05))
        #expect(try cell("steps") == .int(Int64(config.steps)))
        #expect(try cell("problem") == .string(config.problem.rawValue))
        #expect(try cell("thresholds") == .array([.double(0.001), .double(0.01)]))
        #expect(try cell("schedule") == .string("constant"))
        #expect(try cell("depth") == .int(Int64(config.depth)), "a derived default is exported")
        #expect(try cell("data") == .null)
        #expect(try cell("status") == .string("done"))
        #expect(try cell("attempts") == .int(2))
        #expect(try cell("test_mse") == .double(0.25))
        #expect(try cell("metric_sparsity").isNaN)
        #expect(try cell("sparsity") == .int(Int64(config.sparsity)))
        #expect(try cell("wall_seconds") == .double(1.5))
        #expect(try cell("worker") == .string("w1"))
    }

    @Test("metrics are the sorted union; a trial without one has null there; failed, pending and diverged trials")
    func metricUnionAndMissing() {
        let command = CommandTrial(command: ["sh"], fields: [CommandField(name: "x", value: .int(3))])
        let columns = TrialExportColumns(hasCoreTrials: false, commandFields: ["x", "x"], metrics: ["b", "a", "b"])
        #expect(columns.names == ["trial_id", "seed", "x", "status", "attempts", "a", "b", "wall_seconds", "worker"])
        let onlyB = TrialExportOutcome(diverged: false, wallSeconds: 2, metrics: [(name: "b", value: 1)])
        #expect(columns.cells(id: "1", seed: 0, work: .command(command), state: "done", attempts: 1, outcome: onlyB, worker: nil)
            == [.string("1"), .int(0), .int(3), .string("done"), .int(1), .null, .double(1), .double(2), .null])
        #expect(columns.cells(id: "2", seed: 1, work: .command(command), state: "failed", attempts: 3, outcome: nil, worker: "w")
            == [.string("2"), .int(1), .int(3), .string("failed"), .int(3), .null, .null, .null, .string("w")])
        #expect(columns.cells(id: "3", seed: 2, work: .command(command), state: "pending", attempts: 0, outcome: nil, worker: nil)[3]
            == .string("pending"))
        let diverged = TrialExportOutcome(diverged: true, wallSeconds: 1, metrics: [])
        #expect(columns.cells(id: "4", seed: 3, work: .command(command), state: "done", attempts: 1, outcome: diverged, worker: nil)[3]
            == .string("diverged"))
    }

    @Test("core and command trials in one export: the core fields, then the command fields they lack; null where a trial has none")
    func mixedKinds() throws {
        let columns = TrialExportColumns(hasCoreTrials: true, commandFields: ["weight_decay", "lr"], metrics: [])
        #expect(Array(columns.names[2..<(columns.names.count - 4)]) == TrialConfig.fieldNames + ["lr"])
        let command = CommandTrial(command: ["sh"], fields: [CommandField(name: "weight_decay", value: .double(0.5))])
        let cells = columns.cells(id: "1", seed: 0, work: .command(command), state: "pending", attempts: 0, outcome: nil, worker: nil)
        #expect(cells[2 + (try #require(TrialConfig.fieldNames.firstIndex(of: "weight_decay")))] == .double(0.5))
        #expect(cells[2 + (try #require(TrialConfig.fieldNames.firstIndex(of: "steps")))] == .null)
        #expect(cells[2 + TrialConfig.fieldNames.count] == .null)
    }

    @Test("a stored result is read with its status, wall time and metrics, non-finite ones included")
    func outcomeFromResult() throws {
        let outcome = try TrialExportOutcome(
            result: #"{"curves":[],"metrics":{"a":1,"b":"nan","c":"-inf"},"status":"diverged","steps":3,"wall_seconds":0.5,"x":[]}"#)
        #expect(outcome.diverged && outcome.wallSeconds == 0.5)
        #expect(outcome.metrics.map(\.name) == ["a", "b", "c"])
        #expect(outcome.metrics[0].value == 1 && outcome.metrics[1].value.isNaN && outcome.metrics[2].value == -.infinity)
        #expect(throws: JSONError.self) { try TrialExportOutcome(result: #"{"status":"exploded","metrics":{}}"#) }
        #expect(throws: JSONError.self) { try TrialExportOutcome(result: "not json") }
    }

    @Test("CSV follows RFC 4180: CRLF, quoting of comma, quote and line breaks; lists as JSON, null empty, nan and inf")
    func csvQuoting() {
        var encoder = TrialExportEncoder(format: .csv, names: ["a,b", "c"])
        encoder.header()
        encoder.row([.string("say \"hi\", twice"), .string("two\nlines")])
        encoder.row([.array([.int(32), .int(16)]), .null])
        encoder.row([.double(.infinity), .double(-.infinity)])
        encoder.row([.double(.nan), .double(0.05)])
        encoder.row([.bool(true), .uint(UInt64.max)])
        #expect(String(decoding: encoder.bytes, as: UTF8.self) == """
            "a,b",c\r
            "say ""hi"", twice","two
            lines"\r
            "[32,16]",\r
            inf,-inf\r
            nan,0.05\r
            true,18446744073709551615\r

            """)
    }

    @Test("JSON Lines: one object per trial, members in column order, numbers and lists typed, null, non-finite as strings")
    func jsonLines() throws {
        var encoder = TrialExportEncoder(format: .jsonl, names: ["weight_decay", "widths", "data", "m"])
        encoder.header()
        encoder.row([.double(0.05), .array([.int(32)]), .null, .double(.nan)])
        encoder.row([.double(0), .array([]), .string("d\"q"), .double(1)])
        let lines = String(decoding: encoder.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == [#"{"weight_decay":0.05,"widths":[32],"data":null,"m":"nan"}"#, #"{"weight_decay":0.0,"widths":[],"data":"d\"q","m":1.0}"#, ""])
        let parsed = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(parsed?["weight_decay"] as? Double == 0.05)
    }

    @Test("conditions: FIELD=VALUE, numbers compared as numbers, anything else as its CSV text; malformed ones named")
    func conditions() throws {
        let zero = try TrialExportCondition(parsing: "weight_decay=0")
        #expect(zero.field == "weight_decay" && zero.value == "0")
        #expect(zero.matches(.double(0)) && zero.matches(.int(0)) && !zero.matches(.double(0.05)))
        #expect(try TrialExportCondition(parsing: "weight_decay=0.05").matches(.double(0.05)))
        #expect(try TrialExportCondition(parsing: "status=failed").matches(.string("failed")))
        #expect(try TrialExportCondition(parsing: "widths=[32,16]").matches(.array([.int(32), .int(16)])))
        #expect(try TrialExportCondition(parsing: "worker=").matches(.null))
        #expect(try TrialExportCondition(parsing: "m=nan").matches(.double(.nan)))
        #expect(try TrialExportCondition(parsing: "expr=a=b").value == "a=b")
        #expect(throws: ReportError.malformedCondition(option: "--where", text: "weight_decay")) {
            try TrialExportCondition(parsing: "weight_decay")
        }
        #expect(throws: ReportError.malformedCondition(option: "--where", text: "=1")) { try TrialExportCondition(parsing: "=1") }
    }
}

extension JSONValue {
    fileprivate var isNaN: Bool {
        if case let .double(d) = self { return d.isNaN }
        return false
    }
}
