import Core
import Foundation
import Journaling
import Reporting
import SweepSpecs
import Testing

@Suite("Per-trial export from a journal")
struct TrialExportJournalTests {
    /// A journal whose first spec had trials `first`, `second`, `third` (done with a NaN metric,
    /// failed, pending), and whose current spec has only `first`.
    private func filledJournal(_ directory: TemporaryRunDirectory) throws -> Journal {
        let journal = try directory.open()
        let trials = makeJournalTrials(["first", "second", "third"])
        try journal.register(spec: "old", specText: "old", trials: trials)
        var result = makeJournalResult(0.25)
        result.metrics["test_mse"] = .nan
        try journal.record([
            .done(trialID: "first", result: result, attempts: 1, worker: "w1"),
            .failed(trialID: "second", message: "diverged badly", attempts: 3, worker: "w2"),
        ])
        try journal.register(spec: "new", specText: "new", trials: Array(trials.prefix(1)))
        return journal
    }

    private func export(_ journal: Journal, _ options: TrialExportOptions) throws -> (text: String, count: Int) {
        var bytes: [UInt8] = []
        let count = try journal.exportTrials(options: options) { bytes += $0 }
        return (String(decoding: bytes, as: UTF8.self), count)
    }

    @Test("the current spec by default, earlier specs' trials after it with --all, in the order they were added")
    func currentAndAll() throws {
        let directory = TemporaryRunDirectory()
        defer { directory.cleanUp() }
        let journal = try filledJournal(directory)
        let current = try export(journal, TrialExportOptions(format: .csv))
        let lines = current.text.components(separatedBy: "\r\n")
        #expect(current.count == 1 && lines.count == 3 && lines[2].isEmpty)
        let header = lines[0].components(separatedBy: ",")
        #expect(header.prefix(3) == ["trial_id", "seed", "problem"])
        #expect(header.suffix(7) == ["status", "attempts", "metric_sparsity", "test_mse", "train_loss", "wall_seconds", "worker"])
        let row = Dictionary(uniqueKeysWithValues: zip(header, lines[1].components(separatedBy: ",")))
        #expect(row["trial_id"] == "first" && row["status"] == "done" && row["attempts"] == "1" && row["worker"] == "w1")
        #expect(row["weight_decay"] == "0.05" && row["test_mse"] == "nan" && row["train_loss"] == "0.25")
        #expect(row["wall_seconds"] == "0.5" && row["thresholds"] == "[0.001]")

        let all = try export(journal, TrialExportOptions(format: .jsonl, includeEarlierSpecs: true))
        #expect(all.count == 3)
        let objects = try all.text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["trial_id"] as? String } == ["first", "second", "third"])
        #expect(objects.map { $0["status"] as? String } == ["done", "failed", "pending"])
        #expect(objects[1]["attempts"] as? Int == 3 && objects[1]["train_loss"] is NSNull && objects[2]["worker"] is NSNull)
        #expect(objects[0]["weight_decay"] as? Double == 0.05 && objects[0]["test_mse"] as? String == "nan")
        #expect(objects[0]["thresholds"] as? [Double] == [0.001])
    }

    @Test("--where: alternatives on one field, every field must hold; an unknown field is named with the allowed ones")
    func conditions() throws {
        let directory = TemporaryRunDirectory()
        defer { directory.cleanUp() }
        let journal = try filledJournal(directory)
        func ids(_ conditions: [String]) throws -> [String] {
            let options = TrialExportOptions(
                format: .csv, includeEarlierSpecs: true, conditions: try conditions.map { try TrialExportCondition(parsing: $0) })
            return try export(journal, options).text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                .map { String($0.prefix { $0 != "," }) }
        }
        #expect(try ids(["status=failed"]) == ["second"])
        #expect(try ids(["status=failed", "status=pending"]) == ["second", "third"])
        #expect(try ids(["status=failed", "status=pending", "worker=w2"]) == ["second"])
        #expect(try ids(["weight_decay=0.05"]) == ["first", "third"])
        #expect(try ids(["steps=101"]) == ["second"])
        #expect(throws: ReportError.self) { try ids(["colour=red"]) }
        do {
            _ = try ids(["colour=red"])
        } catch let error as ReportError {
            #expect(error.description.hasPrefix("--where: unknown field 'colour'; allowed: trial_id, seed, problem"))
        }
    }
}

@Suite("Per-trial export of command trials from a journal")
struct TrialExportCommandJournalTests {
    @Test("a command sweep's fields are its columns, typed; its metrics are those its programs reported")
    func commandTrials() throws {
        let directory = TemporaryRunDirectory()
        defer { directory.cleanUp() }
        let journal = try directory.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "command", specText: "command", trials: trials)
        var onlyLoss = makeCommandResult(accuracy: 0, loss: .infinity)
        onlyLoss.metrics["accuracy"] = nil
        try journal.record([
            .done(trialID: trials[0].id, result: makeCommandResult(accuracy: 0.9, loss: 0.1), attempts: 1, worker: "w"),
            .done(trialID: trials[1].id, result: onlyLoss, attempts: 2, worker: "w"),
        ])
        var bytes: [UInt8] = []
        let count = try journal.exportTrials(options: TrialExportOptions(format: .jsonl)) { bytes += $0 }
        #expect(count == trials.count)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines[0].hasPrefix(#"{"trial_id":"\#(trials[0].id)","seed":1,"lr":0.1,"optimizer":"adam","status":"done","attempts":1,"accuracy":0.9,"val_loss":0.1,"wall_seconds":1.0,"worker":"w"}"#))
        #expect(lines[1].contains(#""accuracy":null,"val_loss":"inf""#))
        #expect(lines[2].contains(#""status":"pending","attempts":0,"accuracy":null,"val_loss":null,"wall_seconds":null,"worker":null"#))
    }
}
