import Foundation
import Testing

/// Command sweeps (docs/COMMANDS.md) when things go wrong: failing and retried programs, timeouts,
/// a worker killed mid-trial and a coordinator killed mid-sweep. The programs are
/// examples/python-minimal/train.py and small shell commands, run by real workers.
@Suite("Command sweeps: failures, timeouts, kills and resume", .serialized)
struct CommandSweepEndToEndTests {
    /// The standard-library example program, by absolute path, so that specs anywhere can run it.
    static let program = CommandExamplesTests.examples.appendingPathComponent("python-minimal/train.py").path

    /// A spec running the example program with `base` fields over `weight_decay` × seeds.
    static func spec(name: String, base: String, weightDecays: [String] = ["0", "0.5"], seeds: Int = 1, extra: String = "") -> String {
        """
        name: \(name)
        command: ["python3", "\(program)", "--weight-decay", "{weight_decay}"]
        \(extra)
        base: {\(base)}
        grid:
          weight_decay: [\(weightDecays.joined(separator: ", "))]
        seeds: \(seeds)
        """
    }

    /// The trial ids of a run directory's journal, in grid order.
    static func trialIDs(_ dir: String) throws -> [String] {
        let journal = URL(fileURLWithPath: dir).appendingPathComponent("journal.sqlite").path
        let output = try HostCommand.run("sqlite3", ["-readonly", journal, "SELECT lower(hex(id)) FROM trials ORDER BY grid_index"])
        return output.stdout.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// The pids of processes whose environment holds `MIRRORSWEEP_TRIAL_ID=id`: the program of that
    /// trial and everything it started.
    static func processes(ofTrial id: String) -> [Int32] {
        let needle = Array("MIRRORSWEEP_TRIAL_ID=\(id)".utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environ.split(separator: 0).contains { Array($0) == needle }
        }
    }

    @Test("a program that always fails: 3 attempts, the failure names the exit status and stderr, and `logs` shows it")
    func failingProgram() throws {
        let fixture = try SweepFixture(name: "failing", yaml: Self.spec(name: "failing", base: "fail: true", weightDecays: ["0"]))
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(120))
        #expect(output.stderr.contains("failed 3 times"), "the trial was not given up after 3 attempts: \(output.stderr)")
        #expect(output.stderr.contains("exited with status 3"), "the exit status is not reported: \(output.stderr)")
        #expect(output.stderr.contains("failing on purpose"), "the program's stderr is not reported: \(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["failed"] as? Int == 1)
        #expect(status["done"] as? Int == 0)

        let id = try #require(try Self.trialIDs(dir).first)
        let logs = try MirrorSweepBinary.run(["logs", dir, String(id.prefix(8)), "--all"], timeout: .seconds(30))
        #expect(logs.succeeded, "logs failed: \(logs.stderr)")
        #expect(logs.stdout.contains(id), "logs does not name the trial: \(logs.stdout)")
        let attempts = logs.stdout.components(separatedBy: "failing on purpose").count - 1
        #expect(attempts >= 3, "the log of each of the 3 attempts is not kept: \(logs.stdout)")
    }

    @Test("a program that fails on its first attempt only is retried and recorded done on the second")
    func retriedProgram() throws {
        let fixture = try SweepFixture(name: "retried", yaml: Self.spec(name: "retried", base: "fail_attempts: 1"))
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(120))
        #expect(output.succeeded, "run failed: \(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 2)
        #expect(status["failed"] as? Int == 0)
        for id in try Self.trialIDs(dir) {
            let logs = try MirrorSweepBinary.run(["logs", dir, id, "--all"], timeout: .seconds(30))
            #expect(logs.succeeded, "logs failed: \(logs.stderr)")
            #expect(logs.stdout.contains("attempt 1 <= fail_attempts"), "the failed first attempt's log is lost: \(logs.stdout)")
        }
    }

    @Test("a trial past its timeout is killed with its whole process group and recorded failed")
    func timeoutKillsTheProcessGroup() throws {
        let fixture = try SweepFixture(name: "slow", yaml: """
            name: slow
            command: ["sh", "-c", "sleep 300 & sleep 300 & wait"]
            timeout: 1s
            grid:
              point: [1]
            """)
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--workers", "1", "--run-dir", dir, "--log-level", "info"], timeout: .seconds(120))
        #expect(output.stderr.contains("timed out"), "the timeout is not reported: \(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["failed"] as? Int == 1)
        let id = try #require(try Self.trialIDs(dir).first)
        #expect(Self.processes(ofTrial: id).isEmpty, "processes of the timed-out trial survive: \(Self.processes(ofTrial: id))")
    }

    @Test("SIGKILL of a worker mid-trial: its command trials are requeued and the sweep completes")
    func killedWorker() throws {
        let fixture = try SweepFixture(name: "killed", yaml: Self.spec(name: "killed", base: "sleep: 1.5", seeds: 3))
        let dir = fixture.runDirectory("run")
        let (server, endpoint) = try fixture.serve(runDirectory: dir, extra: SweepEndToEndTests.fastHeartbeat + ["--log-level", "debug"])
        let victim = try fixture.work(endpoint: endpoint, id: "victim")
        #expect(server.waitForOutput(containing: "worker victim joined", timeout: .seconds(30)))
        fixture.expectTrials("running", atLeast: 1, in: dir, within: .seconds(30))
        let survivor = try fixture.work(endpoint: endpoint, id: "survivor")
        victim.send(SIGKILL)

        let (output, status) = try fixture.expectServed(server, done: 6, in: dir)
        #expect(output.stderr.contains("requeued"), "no trial was requeued: \(output.stderr)")
        #expect(status["failed"] as? Int == 0)
        _ = try survivor.wait(timeout: .seconds(30))
    }

    @Test("SIGKILL of the coordinator mid-sweep: the same command resumes and runs only what is left")
    func killedCoordinatorResumes() throws {
        let fixture = try SweepFixture(name: "resumed", yaml: Self.spec(name: "resumed", base: "sleep: 0.5", seeds: 4))
        let dir = fixture.runDirectory("run")
        let arguments = ["run", fixture.specPath, "--workers", "2", "--run-dir", dir]
        let first = try MirrorSweepBinary.start(arguments)
        fixture.expectTrials("done", atLeast: 2, in: dir, within: .seconds(120))
        first.send(SIGKILL)
        _ = try first.wait(timeout: .seconds(10))
        let before = try fixture.status(dir)["done"] as? Int ?? 0
        #expect(before >= 2 && before < 8, "the kill landed outside the sweep: \(before) done")

        let second = try MirrorSweepBinary.run(arguments, timeout: .seconds(300))
        #expect(second.succeeded, "resume failed: \(second.stderr)")
        #expect(second.stderr.contains("0 new, 8 already"), "the resume registered the grid again: \(second.stderr)")
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 8)
        #expect(status["failed"] as? Int == 0)
        let table = try fixture.table(dir)
        #expect(table.contains("shrinkage_mean"), "the table lacks the program's metrics: \(table)")
    }
}
