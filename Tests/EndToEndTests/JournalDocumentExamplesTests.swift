import Foundation
import Testing

/// The examples of docs/JOURNAL.md's "Reading the journal yourself", each a code block after an
/// `<!-- example: NAME -->` line, run as written in a directory whose `runs/quickstart` is a real
/// run of a small sparse-regression sweep over `weight_decay`.
@Suite("docs/JOURNAL.md examples run", .serialized)
struct JournalDocumentExamplesTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/JOURNAL.md")

    /// Whether `python3` can import pandas.
    static let hasPandas: Bool = {
        guard let python = HostCommand.find("python3"),
              let output = try? HostCommand.execute(python, ["-c", "import pandas"]) else { return false }
        return output.succeeded
    }()

    /// The code of the block after `<!-- example: name -->`.
    static func example(_ name: String) throws -> String {
        let text = try String(contentsOf: document, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- example: \(name) -->\n```"), "JOURNAL.md has no example '\(name)'")
        let afterFence = try #require(text[marker.upperBound...].firstIndex(of: "\n"))
        let body = text[text.index(after: afterFence)...]
        let end = try #require(body.range(of: "\n```\n"), "the example '\(name)' has no closing fence")
        return String(body[..<end.lowerBound]) + "\n"
    }

    /// A directory holding `runs/quickstart`, a run of 2 weight decays × 2 seeds, 200 steps each.
    static func quickstartDirectory() throws -> URL {
        let fixture = try SweepFixture(
            name: "quickstart", yaml: regressionSweepSpec(name: "quickstart", steps: 200, weightDecays: ["0", "0.05"], seeds: 2))
        let run = fixture.directory.appendingPathComponent("runs/quickstart").path
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", run], timeout: .seconds(300))
        try #require(output.succeeded, "run failed: \(output.stderr)")
        return fixture.directory
    }

    /// Runs `script` with `sh` in `directory`, the built `mirrorsweep` first in `PATH`.
    static func shell(_ script: String, in directory: URL) throws -> ProcessOutput {
        let binaries = try MirrorSweepBinary.url().deletingLastPathComponent().path
        let path = binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let process = try MirrorSweepBinary.start(
            ["-c", "cd \"$EXAMPLE_DIRECTORY\" && " + script], environment: ["PATH": path, "EXAMPLE_DIRECTORY": directory.path],
            executable: URL(fileURLWithPath: "/bin/sh"))
        return try process.wait(timeout: .seconds(120))
    }

    @Test("the export example writes trials.csv (a row per trial) and the JSON Lines of the trials with weight_decay 0.05")
    func exportExample() throws {
        let directory = try Self.quickstartDirectory()
        let output = try Self.shell(try Self.example("export"), in: directory)
        #expect(output.succeeded, "the export example failed: \(output.stderr)")
        let csv = try String(contentsOf: directory.appendingPathComponent("trials.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 6 && lines[0].hasPrefix("trial_id,seed,problem,"))
        let jsonl = try String(contentsOf: directory.appendingPathComponent("decayed.jsonl"), encoding: .utf8)
        let objects = try jsonl.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 2 && objects.allSatisfy { $0?["weight_decay"] as? Double == 0.05 })
    }

    @Test("the sqlite3 example lists the current spec's trials with their weight decay and test MSE, in grid order")
    func sqliteExample() throws {
        try #require(HostCommand.find("sqlite3") != nil, "the sqlite3 shell is not installed")
        let directory = try Self.quickstartDirectory()
        let output = try Self.shell(try Self.example("sqlite3"), in: directory)
        #expect(output.succeeded, "the sqlite3 example failed: \(output.stderr)")
        let lines = output.stdout.split(whereSeparator: \.isNewline).map { $0.components(separatedBy: ",") }
        #expect(lines.first == ["trial_id", "seed", "state", "weight_decay", "test_mse"])
        let rows = lines.dropFirst()
        #expect(rows.count == 4)
        #expect(rows.map { Double($0[3]) } == [0, 0, 0.05, 0.05])
        #expect(rows.map { $0[1] } == ["0", "1", "0", "1"])
        #expect(rows.allSatisfy { $0[0].count == 64 && $0[2] == "done" && Double($0[4]) != nil })
    }

    @Test("the pandas example prints the mean test MSE by weight decay, from the journal and from the export",
          .enabled(if: hasPandas, "pandas is not installed for python3"))
    func pandasExample() throws {
        let directory = try Self.quickstartDirectory()
        let exported = try Self.shell(try Self.example("export"), in: directory)
        try #require(exported.succeeded, "the export example failed: \(exported.stderr)")
        try Self.example("pandas").write(to: directory.appendingPathComponent("example.py"), atomically: true, encoding: .utf8)
        let output = try Self.shell("python3 example.py", in: directory)
        #expect(output.succeeded, "the pandas example failed: \(output.stderr)")
        #expect(output.stdout.contains("weight_decay") && output.stdout.contains("test_mse"))
        #expect(output.stdout.contains("0.05") && output.stdout.contains("count"))
    }
}
