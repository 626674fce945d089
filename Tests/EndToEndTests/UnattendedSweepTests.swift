import Core
import Foundation
import Testing

/// Sweeps left alone: local workers killed and stopped while nobody restarts them, a worker
/// binary that crashes at once, a second coordinator on the same run directory, and read-only
/// commands beside a live coordinator and on read-only storage. Real processes and sockets.
@Suite("Unattended sweeps", .serialized)
struct UnattendedSweepTests {
    /// 60 trials of about 0.5 s each in a debug build.
    static let spec = regressionSweepSpec(
        name: "unattended", steps: 30000, weightDecays: ["0", "0.01", "0.05"], schedules: ["constant", "off-at:5000"], seeds: 10)

    @Test("run with 3 local workers, its workers SIGKILLed and SIGSTOPped at random and never restarted by the test, finishes by itself with the clean run's table")
    func workersReplacedUnattended() throws {
        let fixture = try SweepFixture(name: "unattended", yaml: Self.spec)
        let clean = try CleanRun(fixture)
        let seed = ChaosTests.firstSeed()
        var rng = Xoshiro256StarStar(seed: seed)
        let directory = fixture.runDirectory("chaos")
        let run = try MirrorSweepBinary.start([
            "run", fixture.specPath, "--workers", "3", "--run-dir", directory, "--no-table",
            "--heartbeat-interval", "0.2", "--heartbeat-liveness", "5",
        ])
        defer { run.killAndReap() }
        var kills = 0
        var stops = 0
        var stopped: [(pid: Int32, until: ContinuousClock.Instant)] = []
        let deadline = ContinuousClock.now + .seconds(600)
        while run.isRunning && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: clean.meanTrialSeconds * (2 + 4 * rng.nextUniform()))
            for entry in stopped where entry.until <= ContinuousClock.now { kill(entry.pid, SIGCONT) }
            stopped.removeAll { $0.until <= ContinuousClock.now }
            let workers = childPids(of: run.pid).filter { pid in !stopped.contains { $0.pid == pid } }
            let forced = [0.0, 0.6]
            let roll = kills + stops < forced.count ? forced[kills + stops] : rng.nextUniform()
            if roll < 0.5, !workers.isEmpty {
                kill(workers[rng.nextInt(below: workers.count)], SIGKILL)
                kills += 1
            } else if roll < 0.8, workers.count >= 2, stopped.count < 2 {
                let victim = workers[rng.nextInt(below: workers.count)]
                kill(victim, SIGSTOP)
                stopped.append((victim, ContinuousClock.now + .seconds(1 + 0.5 + 2 * rng.nextUniform())))
                stops += 1
            }
        }
        for entry in stopped { kill(entry.pid, SIGCONT) }
        let output = try run.wait(timeout: .seconds(60))
        let replay = "seed \(seed) (replay: MIRRORSWEEP_CHAOS_SEED=\(seed) swift test --filter UnattendedSweepTests)"
        #expect(output.succeeded, "\(replay): run failed: \(output.stderr)")
        #expect(kills > 0 && stops > 0, "\(replay): \(kills) workers killed, \(stops) stopped")
        #expect(output.stderr.contains("replaced"), "\(replay): the progress line never counted a replacement: \(output.stderr)")
        try clean.expectSame(directory, of: fixture, replay: replay)
        print("unattended: seed \(seed): \(kills) workers killed, \(stops) stopped, \(clean.results.count) trials checked")
    }

    @Test("--max-lost-leases 1: the trials of a worker killed while holding them are recorded as failed; its replacement runs the rest")
    func lostLeaseLimit() throws {
        let fixture = try SweepFixture(name: "unattended", yaml: Self.spec)
        let directory = fixture.runDirectory("lost")
        let run = try MirrorSweepBinary.start([
            "run", fixture.specPath, "--workers", "1", "--run-dir", directory, "--no-table", "--max-lost-leases", "1",
        ])
        defer { run.killAndReap() }
        #expect(run.waitForOutput(containing: " running", timeout: .seconds(60)), "\(run.stderrSoFar)")
        var worker: Int32?
        #expect(try SweepFixture.waitUntil(timeout: .seconds(60)) {
            worker = childPids(of: run.pid).first
            return worker != nil && run.stderrSoFar.split(separator: "\n").contains { $0.contains("progress:") && !$0.contains(" 0 running") }
        })
        kill(try #require(worker), SIGKILL)
        let output = try run.wait(timeout: .seconds(300))
        #expect(output.status == 3 && !output.signaled, "run should end with status 3, trials failed: \(output.stderr)")
        let status = try fixture.status(directory)
        let failed = status["failed"] as? Int ?? 0
        #expect(failed >= 1 && failed + (status["done"] as? Int ?? 0) == 60, "\(status)")
        #expect(try JournalRows(runDirectory: directory).rows.contains { $0.state == "failed" })
    }

    @Test("--max-lost-leases must be at least 1")
    func lostLeaseLimitValidated() throws {
        let output = try MirrorSweepBinary.run(["run", "spec.yaml", "--max-lost-leases", "0"])
        #expect(!output.succeeded && output.stderr.contains("--max-lost-leases must be an integer ≥ 1, got 0"), "\(output.stderr)")
    }

    @Test("a worker binary that crashes at once every time stops the sweep with an error naming its log and last lines; the journal still resumes")
    func crashLoopStops() throws {
        let fixture = try SweepFixture(name: "unattended", yaml: Self.spec)
        let broken = fixture.directory.appendingPathComponent("broken-worker").path
        try "#!/bin/sh\necho 'mirrorsweep: error while loading shared libraries: libzmq.so.5: cannot open shared object file' >&2\nexit 127\n"
            .write(toFile: broken, atomically: true, encoding: .utf8)
        chmod(broken, 0o755)
        let directory = fixture.runDirectory("broken")
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--workers", "2", "--run-dir", directory, "--remote-binary", broken], timeout: .seconds(180))
        #expect(!output.succeeded)
        #expect(output.stderr.contains("cannot keep local workers running"), "\(output.stderr)")
        #expect(output.stderr.contains("5 workers in a row ended within 10 s of starting"), "\(output.stderr)")
        #expect(output.stderr.contains("\(directory)/logs/worker-"), "\(output.stderr)")
        #expect(output.stderr.contains("libzmq.so.5: cannot open shared object file"), "\(output.stderr)")
        let status = try fixture.status(directory)
        #expect(status["pending"] as? Int == 60 && status["failed"] as? Int == 0, "\(status)")
        let resumed = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", directory, "--no-table"], timeout: .seconds(300))
        #expect(resumed.succeeded, "\(resumed.stderr)")
        #expect(try fixture.status(directory)["done"] as? Int == 60)
    }

    @Test("a second run on a served run directory refuses at once naming the holder; read-only commands work meanwhile and change no byte of the journal; after kill -9 of the first, the same command resumes")
    func oneCoordinatorPerRunDirectory() throws {
        let fixture = try SweepFixture(name: "unattended", yaml: Self.spec)
        let directory = fixture.runDirectory("shared")
        let command = ["run", fixture.specPath, "--workers", "1", "--run-dir", directory, "--no-table"]
        let first = try MirrorSweepBinary.start(command)
        defer { first.killAndReap() }
        #expect(try SweepFixture.waitUntil(timeout: .seconds(60)) {
            ((try? fixture.status(directory))?["done"] as? Int ?? 0) > 0
        }, "the first run recorded nothing: \(first.stderrSoFar)")

        let second = try MirrorSweepBinary.run(command, timeout: .seconds(30))
        #expect(!second.succeeded)
        #expect(second.stderr.contains("is already served by a coordinator (pid \(first.pid) on host \(ProcessInfo.processInfo.hostName)"), "\(second.stderr)")
        #expect(second.stderr.contains("stop that one first"), "\(second.stderr)")
        #expect(first.isRunning)

        let status = try fixture.status(directory)
        #expect(status["coordinator_alive"] as? Bool == true, "\(status)")
        _ = try fixture.table(directory)

        first.send(SIGKILL)
        _ = try first.wait(timeout: .seconds(30))
        let resumed = try MirrorSweepBinary.run(command, timeout: .seconds(300))
        #expect(resumed.succeeded, "the resume after kill -9 failed: \(resumed.stderr)")
        #expect(try fixture.status(directory)["done"] as? Int == 60)

        let journal = (directory as NSString).appendingPathComponent("journal.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let table = try fixture.table(directory)
        let report = fixture.directory.appendingPathComponent("report.html").path
        let plot = fixture.directory.appendingPathComponent("pareto.svg").path
        for arguments in [["status", directory], ["report", directory, "--out", report], ["plot", directory, "--kind", "pareto", "--out", plot]] {
            let output = try MirrorSweepBinary.run(arguments, timeout: .seconds(60))
            #expect(output.succeeded, "\(arguments[0]) failed: \(output.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before, "a read-only command changed the journal")
        #expect(try fixture.table(directory) == table)
    }

    @Test("status, table, report and plot work on a run directory on read-only storage", .enabled(if: TmpfsMount.isAvailable, "needs root to mount a tmpfs"))
    func readOnlyStorage() throws {
        let fixture = try SweepFixture(name: "unattended", yaml: regressionSweepSpec(name: "unattended", steps: 2000, weightDecays: ["0", "0.05"], seeds: 2))
        let source = fixture.runDirectory("source")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "1", "--run-dir", source, "--no-table"], timeout: .seconds(120))
        try #require(output.succeeded, "\(output.stderr)")
        let table = try fixture.table(source)
        let mount = try TmpfsMount(kibibytes: 8192)
        defer { mount.remove() }
        let directory = (mount.path as NSString).appendingPathComponent("run")
        try FileManager.default.copyItem(atPath: source, toPath: directory)
        try mount.makeReadOnly()
        #expect(try fixture.table(directory) == table)
        let status = try fixture.status(directory)
        #expect(status["done"] as? Int == 4, "\(status)")
        let report = fixture.directory.appendingPathComponent("report.html").path
        let plot = fixture.directory.appendingPathComponent("sweep.svg").path
        for arguments in [["report", directory, "--out", report], ["plot", directory, "--kind", "pareto", "--out", plot]] {
            let run = try MirrorSweepBinary.run(arguments, timeout: .seconds(60))
            #expect(run.succeeded, "\(arguments[0]) failed on read-only storage: \(run.stderr)")
        }
    }

    @Test("serve with pending trials and no worker says so on its progress line, with the command that starts one")
    func idleCoordinatorSpeaks() throws {
        let fixture = try SweepFixture(name: "unattended", yaml: Self.spec)
        let (serve, endpoint) = try fixture.serve(runDirectory: fixture.runDirectory("idle"), extra: ["--heartbeat-interval", "0.2"])
        defer { serve.killAndReap() }
        let expected = "no live worker for"
        #expect(serve.waitForOutput(containing: expected, timeout: .seconds(30)), "\(serve.stderrSoFar)")
        #expect(serve.stderrSoFar.contains("start one with: mirrorsweep work --connect \(endpoint)"), "\(serve.stderrSoFar)")
        #expect(serve.stderrSoFar.contains("warning"), "the idle spell was not logged: \(serve.stderrSoFar)")
    }
}
