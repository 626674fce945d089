import Foundation
import Testing

/// Slurm workers that end while trials remain are resubmitted: cancelled like preempted tasks,
/// at a short time limit, and given up when resubmissions keep failing.
extension SlurmEndToEndTests {
    /// 24 trials of about 2 s each with 2 workers in a debug build.
    static let cancelSpec = regressionSweepSpec(
        name: "slurm-e2e", steps: 60000, weightDecays: ["0", "0.05", "0.1"], schedules: ["constant", "off-at:2000"], seeds: 4)

    /// Trials of 150,000 steps, as many as take about `seconds` of single-trial training on this
    /// machine (measured by training one with `mirrorsweep train` first), at least 24: with 2
    /// workers and no batches, about `seconds` / 2 of wall time, whatever the machine's speed.
    static func timeLimitSpec(seconds: Double) throws -> String {
        let probe = try MirrorSweepBinary.run(
            ["train", "--problem", "sparse-regression", "--samples", "40", "--dimension", "100", "--sparsity", "5",
             "--learning-rate", "0.02", "--weight-decay", "0.05", "--steps", "150000", "--seed", "0", "--json"],
            timeout: .seconds(600))
        try #require(probe.succeeded, "train failed: \(probe.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let trialSeconds = try #require(result["wall_seconds"] as? Double)
        let seeds = max(4, Int((seconds / (6 * trialSeconds)).rounded(.up)))
        return regressionSweepSpec(
            name: "slurm-e2e", steps: 150000, weightDecays: ["0", "0.05", "0.1"], schedules: ["constant", "off-at:2000"], seeds: seeds)
    }

    static func jobRecord(_ dir: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: "\(dir)/slurm-jobs.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object["jobs"] as? [String] ?? []
    }

    @Test("every array task cancelled mid-sweep is resubmitted; the sweep finishes with the local run's table", .slurmCluster)
    func cancelledTasksAreResubmitted() throws {
        try Self.onCluster(Self.cancelSpec) { fixture, dir in
            let run = try MirrorSweepBinary.start(Self.slurmRun(fixture, dir))
            let (first, cancelled) = try Self.cancelQueuedJob(of: run)
            #expect(cancelled.status == 0, "scancel: \(cancelled.text)")

            let resubmitted = SweepFixture.waitUntil(timeout: .seconds(120)) { Self.jobRecord(dir).count >= 2 }
            #expect(resubmitted, "no resubmission recorded; stderr: \(run.stderrSoFar)")
            let recorded = Self.jobRecord(dir)
            #expect(recorded.first == first, "the record should keep the first job: \(recorded)")
            let output = try run.wait(timeout: .seconds(600))
            #expect(output.succeeded, "slurm run failed: \(output.stderr)")
            #expect(output.stderr.contains("slurm task \(first)_0 (worker 0) ended while trials remain: CANCELLED"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("resubmitted workers"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("cancelled slurm jobs \(recorded.prefix(2).joined(separator: ", "))"), "stderr: \(output.stderr)")
            #expect(try fixture.table(dir) == localTable(fixture))
            Self.expectQueueEmpties()
        }
    }

    @Test("a sweep longer than --time finishes: workers hand their trials back at the warning signal and are resubmitted", .slurmCluster)
    func sweepOutlivesTimeLimit() throws {
        // About 90 s of wall time with 2 workers: longer than a worker lives under `--time 1`
        // (its SIGTERM comes 15 s, or up to a minute, before the limit).
        try Self.onCluster(Self.timeLimitSpec(seconds: 180)) { fixture, dir in
            let output = try MirrorSweepBinary.run(
                Self.slurmRun(fixture, dir, options: ["--time", "1"]) + ["--max-batch", "1"], timeout: .seconds(900))
            #expect(output.succeeded, "slurm run failed: \(output.stderr)")
            let script = try String(contentsOfFile: "\(dir)/slurm-workers.sbatch", encoding: .utf8)
            #expect(script.contains("#SBATCH --time=1\n#SBATCH --signal=B:TERM@15\n"), "script: \(script)")
            #expect(output.stderr.contains("leaves: stopped by signal"), "no worker handed its trials back: \(output.stderr)")
            #expect(output.stderr.contains("ended while trials remain"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("resubmitted workers"), "stderr: \(output.stderr)")
            #expect(try fixture.table(dir) == localTable(fixture))
            Self.expectQueueEmpties()
        }
    }

    @Test("resubmissions that sbatch rejects are given up with sbatch's message; the coordinator keeps serving", .slurmCluster)
    func rejectedResubmissionsAreGivenUp() throws {
        try Self.onCluster(Self.cancelSpec) { fixture, dir in
            let sbatch = try #require(HostCommand.find("sbatch"), "sbatch is not on PATH")
            let bin = fixture.directory.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let calls = fixture.directory.appendingPathComponent("sbatch-calls").path
            let message = "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified"
            try """
                #!/bin/sh
                # The first submission goes through; every later one is rejected as sbatch would.
                echo call >> '\(calls)'
                [ "$(wc -l < '\(calls)')" -eq 1 ] && exec '\(sbatch)' "$@"
                echo '\(message)' >&2
                exit 1

                """.write(toFile: bin.appendingPathComponent("sbatch").path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("sbatch").path)
            func sbatchCalls() -> Int {
                ((try? String(contentsOfFile: calls, encoding: .utf8)) ?? "").split(separator: "\n").count
            }

            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let run = try MirrorSweepBinary.start(Self.slurmRun(fixture, dir), environment: ["PATH": "\(bin.path):\(path)"])
            let first = try Self.cancelQueuedJob(of: run).job

            let shown = run.waitForOutput(containing: "no live worker for", timeout: .seconds(180))
                && run.waitForOutput(containing: ": no more slurm workers are submitted; workers 0, 1: ", timeout: .seconds(180))
            #expect(shown, "the progress line never said why no worker comes: \(run.stderrSoFar)")
            let callsWhenGivenUp = sbatchCalls()
            #expect(run.isRunning, "giving up Slurm workers must not stop the coordinator: \(run.stderrSoFar)")
            run.send(SIGINT)
            let output = try run.wait(timeout: .seconds(60))
            #expect(output.status == 130, "stderr: \(output.stderr)")
            #expect(output.stderr.contains("could not resubmit workers 0-1: cannot run sbatch --parsable --array=0-1"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("workers in a row ended within 10 s of starting; the last: could not start: "
                + "cannot run sbatch --parsable --array=0-1 \(dir)/slurm-workers.sbatch: exit status 1: \(message)"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("no more slurm workers for worker 0: "), "stderr: \(output.stderr)")
            #expect(callsWhenGivenUp == sbatchCalls(), "sbatch was called again after giving up")
            #expect((2...6).contains(callsWhenGivenUp), "one submission and at most 5 rejected resubmissions, got \(callsWhenGivenUp)")
            #expect(output.stderr.contains("cancelled slurm jobs \(first)"), "stderr: \(output.stderr)")
        }
    }

    @Test("with --max-resubmits 0 cancelled workers are not replaced; the progress line says the budget is spent", .slurmCluster)
    func spentBudget() throws {
        try Self.onCluster(Self.cancelSpec) { fixture, dir in
            let run = try MirrorSweepBinary.start(Self.slurmRun(fixture, dir, options: ["--max-resubmits", "0"]))
            let first = try Self.cancelQueuedJob(of: run).job
            let spent = "worker 0: the budget of 0 replacements is spent; the last worker: slurm task \(first)_0 CANCELLED"
            #expect(run.waitForOutput(containing: ": no more slurm workers are submitted; \(spent)", timeout: .seconds(120)),
                    "stderr: \(run.stderrSoFar)")
            #expect(run.isRunning, "a spent budget must not stop the coordinator: \(run.stderrSoFar)")
            run.send(SIGINT)
            let output = try run.wait(timeout: .seconds(60))
            #expect(output.status == 130, "stderr: \(output.stderr)")
            #expect(!output.stderr.contains("resubmitted workers"), "stderr: \(output.stderr)")
            #expect(output.stderr.contains("no more slurm workers for worker 1: the budget of 0 replacements is spent"), "stderr: \(output.stderr)")
        }
    }
}
