import Foundation
import Testing

/// `mirrorsweep export` on real runs: a short sparse-regression sweep and a command sweep.
@Suite("mirrorsweep export", .serialized)
struct ExportCommandTests {
    /// Runs `yaml` with `mirrorsweep run` and 2 local workers into a run directory of `fixture`.
    private static func run(_ fixture: SweepFixture, _ yaml: String? = nil, into name: String = "run") throws -> String {
        if let yaml { try yaml.write(toFile: fixture.specPath, atomically: true, encoding: .utf8) }
        let dir = fixture.runDirectory(name)
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(300))
        try #require(output.succeeded, "run failed: \(output.stderr)")
        return dir
    }

    private static func export(_ arguments: [String]) throws -> String {
        let output = try MirrorSweepBinary.run(["export"] + arguments, timeout: .seconds(60))
        try #require(output.succeeded, "export \(arguments) failed: \(output.stderr)")
        return output.stdout
    }

    /// The rows of a CSV export without quoted fields, by column name.
    private static func csvRows(_ text: String) throws -> [[String: String]] {
        let lines = text.components(separatedBy: "\r\n")
        try #require(lines.last == "", "the CSV does not end with CRLF: \(text)")
        let header = lines[0].components(separatedBy: ",")
        return lines.dropFirst().dropLast().map { Dictionary(uniqueKeysWithValues: zip(header, $0.components(separatedBy: ","))) }
    }

    private static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    private static func coreSpec(weightDecays: [String]) -> String {
        regressionSweepSpec(name: "export-core", steps: 200, weightDecays: weightDecays, seeds: 2)
    }

    @Test("a core sweep: one typed row per trial in grid order, as CSV and JSON Lines, to stdout or a file")
    func coreSweep() throws {
        let fixture = try SweepFixture(name: "export-core", yaml: Self.coreSpec(weightDecays: ["0", "0.05"]))
        let dir = try Self.run(fixture)

        let csv = try Self.export([dir])
        let header = try #require(csv.components(separatedBy: "\r\n").first).components(separatedBy: ",")
        #expect(header.prefix(4) == ["trial_id", "seed", "problem", "data"])
        #expect(header.contains("weight_decay") && header.contains("schedule") && header.contains("test_mse"))
        #expect(header.suffix(2) == ["wall_seconds", "worker"])
        #expect(header.contains("metric_sparsity"), "the sparsity metric is not apart from the sparsity field: \(header)")
        let rows = try Self.csvRows(csv)
        #expect(rows.count == 4)
        #expect(rows.map { $0["weight_decay"] } == ["0.0", "0.0", "0.05", "0.05"], "not in grid order, seeds innermost")
        #expect(rows.map { $0["seed"] } == ["0", "1", "0", "1"])
        for row in rows {
            #expect(row["status"] == "done" && row["attempts"] == "1" && row["steps"] == "200" && row["problem"] == "sparse-regression")
            #expect(row["trial_id"]?.count == 64 && row["worker"]?.isEmpty == false)
            #expect(Double(row["test_mse"] ?? "") != nil && Double(row["wall_seconds"] ?? "") != nil)
        }

        let objects = try Self.jsonLines(try Self.export([dir, "--format", "jsonl"]))
        #expect(objects.count == 4)
        #expect(objects.map { $0["trial_id"] as? String } == rows.map { $0["trial_id"] })
        #expect(objects[2]["weight_decay"] as? Double == 0.05, "weight_decay is not the number 0.05: \(objects[2])")
        #expect(objects[2]["steps"] as? Int == 200 && objects[2]["thresholds"] as? [Double] == [0.001])
        #expect(objects[2]["data"] is NSNull && objects[2]["schedule"] as? String == "constant")
        #expect(objects.allSatisfy { $0["test_mse"] is Double })

        let file = fixture.directory.appendingPathComponent("trials.jsonl").path
        let written = try MirrorSweepBinary.run(["export", dir, "--format", "jsonl", "--output", file])
        #expect(written.succeeded && written.stdout.isEmpty && written.stderr.contains("wrote 4 trials to \(file)"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (try Self.export([dir, "--format", "jsonl"])))
        #expect(!FileManager.default.fileExists(atPath: file + ".partial"))
    }

    @Test("--where keeps the matching trials; --all adds the trials of an earlier spec after the current one's")
    func whereAndAll() throws {
        let fixture = try SweepFixture(name: "export-core", yaml: Self.coreSpec(weightDecays: ["0", "0.05"]))
        let dir = try Self.run(fixture)
        let decayed = try Self.csvRows(try Self.export([dir, "--where", "weight_decay=0.05"]))
        #expect(decayed.map { $0["weight_decay"] } == ["0.05", "0.05"])
        let one = try Self.csvRows(try Self.export([dir, "--where", "weight_decay=0", "--where", "seed=1"]))
        #expect(one.count == 1 && one.first?["weight_decay"] == "0.0" && one.first?["seed"] == "1")
        let either = try Self.csvRows(try Self.export([dir, "--where", "seed=1", "--where", "seed=0"]))
        #expect(either.count == 4)

        _ = try Self.run(fixture, Self.coreSpec(weightDecays: ["0.05", "0.1"]))
        let current = try Self.csvRows(try Self.export([dir]))
        #expect(current.map { $0["weight_decay"] } == ["0.05", "0.05", "0.1", "0.1"])
        let all = try Self.csvRows(try Self.export([dir, "--all"]))
        #expect(all.map { $0["weight_decay"] } == ["0.05", "0.05", "0.1", "0.1", "0.0", "0.0"])
        #expect(all.allSatisfy { $0["status"] == "done" })
    }

    @Test("a command sweep whose program fails: the command's fields, typed, status failed after 3 attempts, no metrics")
    func failingCommandSweep() throws {
        let fixture = try SweepFixture(name: "export-command", yaml: #"""
            name: export-command
            command: ["sh", "-c", "exit {code}"]
            base: {label: "a, \"quoted\" one", rate: 0.5}
            grid:
              code: [3, 4]
            """#)
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(120))
        #expect(output.stderr.contains("failed 3 times"), "the trials were not given up after 3 attempts: \(output.stderr)")
        let csv = try Self.export([dir])
        #expect(csv.hasPrefix("trial_id,seed,code,label,rate,status,attempts,wall_seconds,worker\r\n"), "header: \(csv)")
        #expect(csv.contains(#",0,3,"a, ""quoted"" one",0.5,failed,3,,"#), "RFC 4180 quoting or typed values: \(csv)")
        let objects = try Self.jsonLines(try Self.export([dir, "--format", "jsonl"]))
        #expect(objects.map { $0["code"] as? Int } == [3, 4])
        #expect(objects.allSatisfy { $0["rate"] as? Double == 0.5 && $0["label"] as? String == #"a, "quoted" one"# })
        #expect(objects.allSatisfy { $0["status"] as? String == "failed" && $0["attempts"] as? Int == 3 && $0["wall_seconds"] is NSNull })
        #expect(objects.allSatisfy { $0["weight_decay"] == nil }, "a command sweep has no core fields")
        let matched = try Self.jsonLines(try Self.export([dir, "--format", "jsonl", "--where", "code=4"]))
        #expect(matched.map { $0["code"] as? Int } == [4])
    }

    @Test("bad input: parquet, an unknown format, a malformed or unknown --where, a directory without a journal")
    func badInput() throws {
        let fixture = try SweepFixture(name: "export-core", yaml: Self.coreSpec(weightDecays: ["0"]))
        let dir = try Self.run(fixture)
        let parquet = try MirrorSweepBinary.run(["export", dir, "--format", "parquet"])
        #expect(parquet.status == 2 && parquet.stderr.contains("parquet is not supported") && parquet.stderr.contains("to_parquet"))
        let xml = try MirrorSweepBinary.run(["export", dir, "--format", "xml"])
        #expect(xml.status == 2 && xml.stderr.contains("--format must be one of csv, jsonl, got 'xml'"))
        let malformed = try MirrorSweepBinary.run(["export", dir, "--where", "weight_decay"])
        #expect(malformed.status == 2 && malformed.stderr.contains("'weight_decay' is not FIELD=VALUE"))
        let unknown = try MirrorSweepBinary.run(["export", dir, "--where", "colour=red"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown field 'colour'; allowed: trial_id, seed, problem"))
        let file = fixture.directory.appendingPathComponent("out.csv").path
        let failed = try MirrorSweepBinary.run(["export", dir, "--where", "colour=red", "--output", file])
        #expect(failed.status == 2 && !FileManager.default.fileExists(atPath: file) && !FileManager.default.fileExists(atPath: file + ".partial"))
        let empty = try MirrorSweepBinary.run(["export", fixture.directory.path])
        #expect(empty.status == 2 && empty.stderr.contains("no journal.sqlite here"))
    }
}
