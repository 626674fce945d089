import Foundation
import Testing

/// `run --launcher slurm` against a real single-node Slurm cluster started by `scripts/slurm-local`.
@Suite("Sweeps on a real Slurm cluster", .serialized)
struct SlurmEndToEndTests {
    /// 12 trials of about half a second each in a debug build.
    static let spec = regressionSweepSpec(name: "slurm-e2e", steps: 30000, weightDecays: ["0", "0.05", "0.1"], schedules: ["constant", "off-at:2000"], seeds: 2)

    static let jobName = "mirrorsweep-slurm-e2e"

    /// The repository's root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Starts the local cluster (installing Slurm when missing); fails the test when it cannot.
    static func startCluster() throws {
        let output = try command(repository.appendingPathComponent("scripts/slurm-local").path, ["start"], timeout: 900)
        try #require(output.status == 0, "scripts/slurm-local start failed: \(output.text)")
    }

    /// Runs `path` with `arguments`, killing it after `timeout` seconds; returns its status and output.
    static func command(_ path: String, _ arguments: [String], timeout: Double = 30) throws -> (status: Int32, text: String) {
        let output = try HostCommand.execute(path, arguments, timeout: .seconds(timeout))
        return (output.signaled ? -1 : output.status, output.stdout + output.stderr)
    }

    /// The ids of this suite's jobs still in the queue (array job ids, each once).
    static func queuedJobs() throws -> [String] {
        let output = try command("/usr/bin/squeue", ["-h", "-n", jobName, "-o", "%F"])
        try #require(output.status == 0, "squeue failed: \(output.text)")
        return Array(Set(output.text.split(whereSeparator: \.isNewline).map(String.init))).sorted()
    }

    /// Cancels whatever this suite left in the queue.
    static func cancelLeftovers() {
        _ = try? command("/usr/bin/scancel", ["-n", jobName])
    }

    func localTable(_ fixture: SweepFixture) throws -> String {
        let dir = fixture.runDirectory("local")
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--launcher", "local", "--workers", "2", "--run-dir", dir], timeout: .seconds(300))
        #expect(output.succeeded, "local run failed: \(output.stderr)")
        return try fixture.table(dir)
    }

    @Test("--dry-run prints the job array script and submits nothing")
    func dryRun() throws {
        let fixture = try SweepFixture(name: "slurm-e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("dry")
        let output = try MirrorSweepBinary.run([
            "run", fixture.specPath, "--launcher", "slurm", "--workers", "3", "--slots", "2", "--partition", "debug",
            "--time", "10:00", "--mem", "1G", "--sbatch-arg", "--comment=mirror", "--bind", "tcp://127.0.0.1:45123",
            "--run-dir", dir, "--dry-run",
        ])
        #expect(output.succeeded, "dry run failed: \(output.stderr)")
        let binary = try MirrorSweepBinary.url().path
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# endpoint: tcp://127.0.0.1:45123")
        for expected in [
            "#!/bin/sh", "#SBATCH --job-name=\(Self.jobName)", "#SBATCH --array=0-2",
            "#SBATCH --output=\(dir)/logs/slurm-%A_%a.log", "#SBATCH --cpus-per-task=2", "#SBATCH --partition=debug",
            "#SBATCH --time=10:00", "#SBATCH --mem=1G", "#SBATCH --comment=mirror",
        ] {
            #expect(lines.contains(expected), "missing '\(expected)' in \(output.stdout)")
        }
        #expect(lines.last?.hasPrefix("exec \(binary) work --connect tcp://127.0.0.1:45123 --slots 2 --worker-id ") == true)
        #expect(!FileManager.default.fileExists(atPath: dir), "a dry run created the run directory")
    }

    @Test("Slurm options without --launcher slurm are usage errors")
    func slurmOptionsNeedSlurm() throws {
        let fixture = try SweepFixture(name: "slurm-e2e", yaml: Self.spec)
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--partition", "debug", "--run-dir", fixture.runDirectory("x")])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--partition needs --launcher slurm"), "stderr: \(output.stderr)")
        let resubmits = try MirrorSweepBinary.run(["run", fixture.specPath, "--max-resubmits", "3", "--run-dir", fixture.runDirectory("x")])
        #expect(resubmits.status == 2)
        #expect(resubmits.stderr.contains("--max-resubmits needs --launcher slurm"), "stderr: \(resubmits.stderr)")
        let negative = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--launcher", "slurm", "--max-resubmits=-1", "--run-dir", fixture.runDirectory("x"), "--dry-run"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--max-resubmits must be an integer ≥ 0, got -1"), "stderr: \(negative.stderr)")
    }

    @Test("a sweep with 2 Slurm workers completes; its table equals a local run's; its jobs end",
          .enabled(if: getuid() == 0, "starting slurmctld, slurmd and munged needs root"))
    func slurmSweepCompletes() throws {
        try Self.startCluster()
        defer { Self.cancelLeftovers() }
        let fixture = try SweepFixture(name: "slurm-e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("slurm")
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--launcher", "slurm", "--workers", "2", "--run-dir", dir, "--heartbeat-interval", "0.2"],
            timeout: .seconds(600))
        #expect(output.succeeded, "slurm run failed: \(output.stderr)")
        #expect(output.stderr.contains("submitted slurm job"), "stderr: \(output.stderr)")
        #expect(output.stderr.contains("cancelled slurm jobs"), "stderr: \(output.stderr)")
        #expect(try fixture.table(dir) == localTable(fixture))

        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 12)
        #expect(status["workers_seen"] as? Int == 2)
        #expect(SweepFixture.waitUntil(timeout: .seconds(60)) { (try? Self.queuedJobs())?.isEmpty == true })
        let logs = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/logs").filter { $0.hasPrefix("slurm-") }
        #expect(logs.count == 2, "logs: \(logs)")
        #expect(logs.contains { $0.hasSuffix("_0.log") } && logs.contains { $0.hasSuffix("_1.log") })
        let script = try String(contentsOfFile: "\(dir)/slurm-workers.sbatch", encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-1"))
    }

    @Test("a coordinator killed mid-sweep is resumed; its Slurm workers are reused and the table is unchanged",
          .enabled(if: getuid() == 0, "starting slurmctld, slurmd and munged needs root"))
    func resumeReusesJobs() throws {
        try Self.startCluster()
        defer { Self.cancelLeftovers() }
        let fixture = try SweepFixture(name: "slurm-e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("slurm")
        let arguments = ["run", fixture.specPath, "--launcher", "slurm", "--workers", "2", "--run-dir", dir, "--heartbeat-interval", "0.2"]
        let first = try MirrorSweepBinary.start(arguments)
        let reachedDone2 = SweepFixture.waitUntil(timeout: .seconds(300)) { ((try? fixture.status(dir))?["done"] as? Int ?? 0) >= 2 }
        #expect(reachedDone2, "the first run never recorded 2 trials")
        first.send(SIGKILL)
        _ = try first.wait(timeout: .seconds(30))
        let jobs = try Self.queuedJobs()
        #expect(jobs.count == 1, "the killed coordinator's job should still be queued: \(jobs)")

        let second = try MirrorSweepBinary.run(arguments, timeout: .seconds(600))
        #expect(second.succeeded, "resumed run failed: \(second.stderr)")
        #expect(second.stderr.contains("reusing slurm job \(jobs.first ?? "?")"), "stderr: \(second.stderr)")
        #expect(!second.stderr.contains("submitted slurm job"), "stderr: \(second.stderr)")
        #expect(try fixture.table(dir) == localTable(fixture))
        #expect(SweepFixture.waitUntil(timeout: .seconds(60)) { (try? Self.queuedJobs())?.isEmpty == true })
    }

    @Test("a job that sbatch rejects fails the run with sbatch's own message",
          .enabled(if: getuid() == 0, "starting slurmctld, slurmd and munged needs root"))
    func rejectedSubmission() throws {
        try Self.startCluster()
        let fixture = try SweepFixture(name: "slurm-e2e", yaml: Self.spec)
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--launcher", "slurm", "--workers", "2", "--partition", "no-such-partition",
             "--run-dir", fixture.runDirectory("rejected")], timeout: .seconds(120))
        #expect(output.status == 1)
        #expect(output.stderr.contains("cannot run sbatch --parsable"), "stderr: \(output.stderr)")
        #expect(output.stderr.contains("invalid partition specified: no-such-partition"), "stderr: \(output.stderr)")
    }
}
