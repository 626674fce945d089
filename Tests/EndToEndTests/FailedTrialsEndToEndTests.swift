import Foundation
import Testing

/// What `run` does about failed trials and edited specs: exit status 3 with how to see why, fail
/// fast, `--retry-failed` (with `--where`), the notice of an edited spec, and `status` times.
@Suite("Failed trials: exit status, fail fast, retry; edited specs", .serialized)
struct FailedTrialsEndToEndTests {
    /// A sparse-regression sweep of 4 short trials reading their data from `data`: they fail
    /// alike ("not a directory") until it holds `Z` and `y`.
    static func dataSpec(data: String) -> String {
        sparseRegressionSpec(name: "fixable", base: [("data", data), ("steps", "10")], grid: [("weight_decay", "[0, 0.1, 0.2, 0.3]")], seeds: 1)
    }

    /// The trial ids of a run directory's journal with their attempts, in grid order.
    static func attempts(_ dir: String) throws -> [(id: String, state: String, attempts: Int)] {
        let journal = URL(fileURLWithPath: dir).appendingPathComponent("journal.sqlite").path
        let output = try HostCommand.run(
            "sqlite3", ["-readonly", journal, "SELECT lower(hex(id)), state, attempts FROM trials ORDER BY grid_index"])
        return output.stdout.split(whereSeparator: \.isNewline).map { line in
            let fields = line.split(separator: "|").map(String.init)
            return (fields[0], fields[1], Int(fields[2]) ?? -1)
        }
    }

    @Test("identical first failures stop the sweep early with exit status 3; after the fix --retry-failed runs them and keeps their history")
    func failFastThenRetry() throws {
        let fixture = try SweepFixture(name: "fixable", yaml: "")
        let data = fixture.directory.appendingPathComponent("data")
        try Self.dataSpec(data: data.path).write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let dir = fixture.runDirectory("run")
        let arguments = ["run", fixture.specPath, "--workers", "2", "--run-dir", dir]

        let broken = try MirrorSweepBinary.run(arguments, timeout: .seconds(120))
        #expect(!broken.signaled && broken.status == 3, "run did not exit with status 3: \(broken.status) \(broken.stderr)")
        #expect(broken.stderr.contains("stopped early"), "the sweep did not fail fast: \(broken.stderr)")
        #expect(broken.stderr.contains("not a directory"), "the failure's message is not shown: \(broken.stderr)")
        #expect(broken.stderr.contains("trials failed. See why: mirrorsweep logs \(dir) "), "no advice on the failures: \(broken.stderr)")
        #expect(broken.stderr.contains("--retry-failed"), "no advice to retry: \(broken.stderr)")
        let before = try Self.attempts(dir)
        let failed = before.filter { $0.state == "failed" }
        #expect(failed.count >= 2 && before.filter { $0.state == "done" }.isEmpty, "\(before) \(broken.stderr)")
        #expect(before.map(\.attempts).reduce(0, +) < 12, "fail fast spent every attempt: \(before)")

        let again = try MirrorSweepBinary.run(arguments, timeout: .seconds(120))
        #expect(again.status == 3, "a run without --retry-failed did not report the failed trials: \(again.stderr)")
        let failedNow = try Self.attempts(dir).filter { $0.state == "failed" }
        #expect(failedNow.count >= failed.count)

        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "1,0,2\n0,1,1\n1,1,0\n".write(to: data.appendingPathComponent("Z.csv"), atomically: true, encoding: .utf8)
        try "1\n0.5\n2\n".write(to: data.appendingPathComponent("y.csv"), atomically: true, encoding: .utf8)
        let fixed = try MirrorSweepBinary.run(arguments + ["--retry-failed"], timeout: .seconds(120))
        #expect(fixed.succeeded, "the retry failed: \(fixed.stderr)")
        #expect(fixed.stderr.contains("returned \(failedNow.count) failed trials to pending"), "the number of trials returned is not said: \(fixed.stderr)")
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 4 && status["failed"] as? Int == 0)

        let first = try #require(failedNow.first)
        let after = try #require(try Self.attempts(dir).first { $0.id == first.id })
        #expect(after.attempts == first.attempts + 1, "attempts did not number on: \(first.attempts) then \(after.attempts)")
        let logs = try MirrorSweepBinary.run(["logs", dir, String(first.id.prefix(10)), "--all"], timeout: .seconds(30))
        #expect(logs.succeeded, "logs failed: \(logs.stderr)")
        #expect(logs.stdout.contains("status    done after \(after.attempts) attempts"), "\(logs.stdout)")
        #expect(logs.stdout.contains("── attempt \(first.attempts) (failed: "), "the earlier failure is gone: \(logs.stdout)")
        #expect(logs.stdout.contains("not a directory"), "the earlier failure's message is gone: \(logs.stdout)")
    }

    @Test("--no-fail-fast tries every trial; --retry-failed --where retries only matching ones; an unknown field is refused")
    func noFailFastAndWhere() throws {
        let fixture = try SweepFixture(name: "fixable", yaml: "")
        try Self.dataSpec(data: "/nonexistent/mirrorsweep-data").write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let dir = fixture.runDirectory("run")
        let arguments = ["run", fixture.specPath, "--workers", "2", "--run-dir", dir, "--max-attempts", "1", "--no-fail-fast"]

        let output = try MirrorSweepBinary.run(arguments, timeout: .seconds(120))
        #expect(output.status == 3, "run did not exit with status 3: \(output.stderr)")
        #expect(!output.stderr.contains("stopped early"), "--no-fail-fast still failed fast: \(output.stderr)")
        #expect(output.stderr.contains("4 of 4 trials failed"), "\(output.stderr)")
        #expect(try Self.attempts(dir).map(\.attempts) == [1, 1, 1, 1])

        let one = try MirrorSweepBinary.run(arguments + ["--retry-failed", "--where", "weight_decay=0.1"], timeout: .seconds(120))
        #expect(one.status == 3 && one.stderr.contains("returned 1 failed trial to pending"), "\(one.stderr)")
        #expect(try Self.attempts(dir).map(\.attempts) == [1, 2, 1, 1])

        let unknown = try MirrorSweepBinary.run(arguments + ["--retry-failed", "--where", "learning_rat=2"], timeout: .seconds(60))
        #expect(!unknown.succeeded && unknown.stderr.contains("no field 'learning_rat'; the fields are weight_decay, seed, "), "\(unknown.stderr)")
        let malformed = try MirrorSweepBinary.run(arguments + ["--retry-failed", "--where", "weight_decay"], timeout: .seconds(60))
        #expect(!malformed.succeeded && malformed.stderr.contains("expected FIELD=VALUE"), "\(malformed.stderr)")
        #expect(try Self.attempts(dir).map(\.attempts) == [1, 2, 1, 1], "a refused retry changed the journal")
    }

    /// A noop sweep of 3 grid points × 2 seeds with `learning_rate` in its base.
    static func noopSpec(learningRate: String) -> String {
        """
        name: edited
        base:
          problem: noop
          learning_rate: \(learningRate)
        grid:
          steps: [1, 2, 3]
        seeds: 2
        """
    }

    @Test("an edited base is reported (new trials, recorded trials no longer in the spec); tables and status show the current spec and session")
    func editedSpec() throws {
        let fixture = try SweepFixture(name: "edited", yaml: Self.noopSpec(learningRate: "0.1"))
        let dir = fixture.runDirectory("run")
        let arguments = ["run", fixture.specPath, "--workers", "2", "--run-dir", dir, "--no-table"]
        let first = try MirrorSweepBinary.run(arguments, timeout: .seconds(120))
        #expect(first.succeeded, "\(first.stderr)")
        #expect(!first.stderr.contains("the spec changed"), "a first run reported a change: \(first.stderr)")

        try Self.noopSpec(learningRate: "0.2").write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let second = try MirrorSweepBinary.run(arguments, timeout: .seconds(120))
        #expect(second.succeeded, "\(second.stderr)")
        #expect(second.stderr.contains("the spec changed since it was last registered in \(dir): 6 new trials; 6 trials of the earlier spec (6 recorded) are no longer in it"),
                "the edit is not reported: \(second.stderr)")
        let table = try fixture.table(dir)
        #expect(table.split(whereSeparator: \.isNewline).count == 4, "the table holds more than the current spec's 3 rows: \(table)")
        #expect(second.stderr.contains("table \(dir) --all` shows them"), "the notice does not say how to see every trial: \(second.stderr)")

        let every = try MirrorSweepBinary.run(["table", dir, "--all", "--format", "csv"], timeout: .seconds(30))
        #expect(every.succeeded, "\(every.stderr)")
        let lines = every.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.hasPrefix("steps,learning_rate,n,") == true, "the edited field is not a column of --all: \(every.stdout)")
        let keys = lines.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
        #expect(keys == ["1,0.2,2", "2,0.2,2", "3,0.2,2", "1,0.1,2", "2,0.1,2", "3,0.1,2"],
                "--all does not hold the current spec's rows, then the earlier spec's, 2 seeds each: \(every.stdout)")

        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 6 && status["total"] as? Int == 6)
        #expect((status["trials_per_second"] as? Double ?? 0) > 0, "no rate of the session: \(status)")
    }
}
