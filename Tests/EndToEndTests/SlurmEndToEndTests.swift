import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a test only where it can start the local Slurm cluster.
    static var slurmCluster: Self { .enabled(if: getuid() == 0, "starting slurmctld, slurmd and munged needs root") }
}

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

    /// Expects this suite's jobs to leave the queue within a minute.
    static func expectQueueEmpties(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(SweepFixture.waitUntil(timeout: .seconds(60)) { (try? queuedJobs())?.isEmpty == true }, sourceLocation: sourceLocation)
    }

    /// `mirrorsweep run` of `fixture` with 2 Slurm workers, `options`, the run directory `dir` and
    /// fast liveness: the command of the sweeps on the cluster.
    static func slurmRun(_ fixture: SweepFixture, _ dir: String, options: [String] = []) -> [String] {
        ["run", fixture.specPath, "--launcher", "slurm", "--workers", "2"] + options + ["--run-dir", dir, "--heartbeat-interval", "0.2"]
    }

    /// Waits until a worker of `run` has joined, then cancels the one job array queued; returns
    /// the job's id and what `scancel` said.
    static func cancelQueuedJob(of run: LaunchedProcess) throws -> (job: String, scancel: (status: Int32, text: String)) {
        #expect(run.waitForOutput(containing: "joined with", timeout: .seconds(120)), "stderr: \(run.stderrSoFar)")
        let queued = try queuedJobs()
        try #require(queued.count == 1, "one job array should be queued: \(queued)")
        return (queued[0], try command("/usr/bin/scancel", [queued[0]]))
    }

    /// Starts the cluster, runs `body` with a new fixture of `spec` and its run directory `slurm`,
    /// then cancels whatever the test left in the queue.
    static func onCluster(
        _ spec: @autoclosure () throws -> String, _ body: (_ fixture: SweepFixture, _ dir: String) throws -> Void
    ) throws {
        try startCluster()
        defer { cancelLeftovers() }
        let fixture = try SweepFixture(name: "slurm-e2e", yaml: try spec())
        try body(fixture, fixture.runDirectory("slurm"))
    }

    /// The table of the sweep run with local workers.
    func localTable(_ fixture: SweepFixture) throws -> String {
        try fixture.localTable("local", arguments: ["--launcher", "local"])
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

    @Test("a sweep with 2 Slurm workers completes; its table equals a local run's; its jobs end", .slurmCluster)
    func slurmSweepCompletes() throws {
        try Self.onCluster(Self.spec) { fixture, dir in
            let output = try MirrorSweepBinary.run(Self.slurmRun(fixture, dir), timeout: .seconds(600))
            #expect(output.succeeded, "slurm run failed: \(output.stderr)")
            #expect(output.stderr.contains("submitted slurm job"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("cancelled slurm jobs"), "stderr: \(output.stderr)")
            #expect(try fixture.table(dir) == localTable(fixture))

            let status = try fixture.status(dir)
            #expect(status["done"] as? Int == 12)
            #expect(status["workers_seen"] as? Int == 2)
            Self.expectQueueEmpties()
            let logs = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/logs").filter { $0.hasPrefix("slurm-") }
            #expect(logs.count == 2, "logs: \(logs)")
            #expect(logs.contains { $0.hasSuffix("_0.log") } && logs.contains { $0.hasSuffix("_1.log") })
            let script = try String(contentsOfFile: "\(dir)/slurm-workers.sbatch", encoding: .utf8)
            #expect(script.contains("#SBATCH --array=0-1"))
        }
    }

    @Test("a coordinator killed mid-sweep is resumed; its Slurm workers are reused and the table is unchanged", .slurmCluster)
    func resumeReusesJobs() throws {
        try Self.onCluster(Self.spec) { fixture, dir in
            let arguments = Self.slurmRun(fixture, dir)
            let first = try MirrorSweepBinary.start(arguments)
            fixture.expectTrials("done", atLeast: 2, in: dir, within: .seconds(300))
            first.send(SIGKILL)
            _ = try first.wait(timeout: .seconds(30))
            let jobs = try Self.queuedJobs()
            #expect(jobs.count == 1, "the killed coordinator's job should still be queued: \(jobs)")

            let second = try MirrorSweepBinary.run(arguments, timeout: .seconds(600))
            #expect(second.succeeded, "resumed run failed: \(second.stderr)")
            #expect(second.stderr.contains("reusing slurm job \(jobs.first ?? "?")"), "stderr: \(second.stderr)")
            #expect(!second.stderr.contains("submitted slurm job"), "stderr: \(second.stderr)")
            #expect(try fixture.table(dir) == localTable(fixture))
            Self.expectQueueEmpties()
        }
    }

    @Test("a job that sbatch rejects fails the run with sbatch's own message", .slurmCluster)
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
