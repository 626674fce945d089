import Foundation
import Testing
import ZeroMQ

/// Real sweeps: a coordinator and worker processes on loopback, killed and stopped at will.
@Suite("Distributed sweeps with real processes", .serialized)
struct SweepEndToEndTests {
    /// 8 trials of about a second each in a debug build, so that kills land mid-trial.
    static let spec = regressionSweepSpec(name: "e2e", steps: 60000, weightDecays: ["0", "0.05"], schedules: ["constant", "off-at:2000"], seeds: 2)

    /// Fast liveness for tests: a peer is dead after 5 × 0.2 s.
    static let fastHeartbeat = ["--heartbeat-interval", "0.2"]

    @Test("a sweep with 2 local workers completes; its table matches single trials run alone")
    func localSweepCompletes() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(300))
        #expect(output.succeeded, "run failed: \(output.stderr)")
        #expect(output.stdout.contains("| weight_decay | schedule"), "no table printed: \(output.stdout)")

        let status = try fixture.status(dir)
        #expect(status["total"] as? Int == 8)
        #expect(status["done"] as? Int == 8)
        #expect(status["failed"] as? Int == 0)
        #expect(status["pending"] as? Int == 0)
        #expect(status["running"] as? Int == 0)
        #expect(status["workers_seen"] as? Int == 2)

        let csv = try fixture.table(dir)
        let lines = csv.split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        let row = try #require(lines.first { $0.hasPrefix("0.05,off-at:2000,") })
        let cells = row.split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "recovery_error_mean"))
        let tableMean = try #require(Double(cells[column]))

        var errors: [Double] = []
        for seed in 0..<2 {
            let single = try MirrorSweepBinary.run([
                "train", "--problem", "sparse-regression", "--samples", "40", "--dimension", "100", "--sparsity", "5",
                "--learning-rate", "0.02", "--steps", "60000", "--weight-decay", "0.05", "--schedule", "off-at:2000",
                "--seed", "\(seed)", "--json",
            ], timeout: .seconds(120))
            #expect(single.succeeded, "train failed: \(single.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            let metrics = try #require(json["metrics"] as? [String: Any])
            errors.append(try #require(metrics["recovery_error"] as? Double))
        }
        #expect(abs(tableMean - (errors[0] + errors[1]) / 2) <= 1e-12 * max(1, tableMean))
    }

    @Test("SIGKILL of a worker mid-trial: its trial is requeued and the sweep completes")
    func killedWorker() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let (server, endpoint) = try fixture.serve(runDirectory: dir, extra: Self.fastHeartbeat + ["--log-level", "debug"])
        let victim = try fixture.work(endpoint: endpoint, id: "victim")
        let survivor = try fixture.work(endpoint: endpoint, id: "survivor")
        #expect(server.waitForOutput(containing: "worker victim joined", timeout: .seconds(30)))
        fixture.expectTrials("running", atLeast: 2, in: dir, within: .seconds(30))
        victim.send(SIGKILL)

        let (output, status) = try fixture.expectServed(server, done: 8, in: dir)
        #expect(output.stderr.contains("requeued"), "no trial was requeued: \(output.stderr)")
        #expect(status["failed"] as? Int == 0)
        _ = try survivor.wait(timeout: .seconds(30))
        #expect(try fixture.table(dir) == fixture.localTable("clean"))
    }

    @Test("SIGKILL of the coordinator mid-sweep: the same command resumes, nothing runs twice, same table")
    func killedCoordinatorResumes() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let arguments = ["run", fixture.specPath, "--workers", "2", "--run-dir", dir]
        let first = try MirrorSweepBinary.start(arguments)
        fixture.expectTrials("done", atLeast: 2, in: dir, within: .seconds(120))
        first.send(SIGKILL)
        _ = try first.wait(timeout: .seconds(10))
        let recordedBefore = try fixture.status(dir)["done"] as? Int ?? 0
        #expect(recordedBefore >= 2 && recordedBefore < 8, "kill landed outside the sweep: \(recordedBefore) done")

        let second = try MirrorSweepBinary.run(arguments, timeout: .seconds(300))
        #expect(second.succeeded, "resume failed: \(second.stderr)")
        #expect(second.stderr.contains("0 new, 8 already"), "the resume registered the grid again: \(second.stderr)")
        let recordedByResume = second.stderr.split(separator: "\n").filter { $0.contains("all ") && $0.contains("trials recorded") }
        #expect(!recordedByResume.isEmpty)
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 8)
        #expect(status["total"] as? Int == 8)
        #expect(try fixture.table(dir) == fixture.localTable("clean"))
    }

    @Test("SIGSTOP of a worker past the timeout, then SIGCONT: its late result changes nothing")
    func stoppedWorkerComesBack() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let (server, endpoint) = try fixture.serve(runDirectory: dir, extra: Self.fastHeartbeat + ["--log-level", "debug"])
        let sleeper = try fixture.work(endpoint: endpoint, id: "sleeper")
        #expect(server.waitForOutput(containing: "worker sleeper joined", timeout: .seconds(30)))
        fixture.expectTrials("running", atLeast: 1, in: dir, within: .seconds(30))
        sleeper.send(SIGSTOP)
        let other = try fixture.work(endpoint: endpoint, id: "other")
        #expect(server.waitForOutput(containing: "worker sleeper is gone", timeout: .seconds(30)))
        fixture.expectTrials("done", atLeast: 4, in: dir, within: .seconds(120))
        sleeper.send(SIGCONT)

        let output = try fixture.expectServed(server, done: 8, in: dir).output
        #expect(output.stderr.contains("sleeper") && output.stderr.contains("telling it to shut down"),
                "the stopped worker was not sent away: \(output.stderr)")
        _ = try other.wait(timeout: .seconds(30))
        _ = try sleeper.wait(timeout: .seconds(30))
        #expect(try fixture.table(dir) == fixture.localTable("clean"))
    }

    @Test("garbage on the coordinator's port is dropped and logged; honest workers are still served")
    func garbageIsDropped() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let (server, endpoint) = try fixture.serve(runDirectory: dir)

        let context = try ZMQContext()
        let rogue = try ZMQSocket(context: context, type: .dealer)
        try rogue.connect(endpoint)
        try rogue.send([Array("not json at all".utf8)])
        try rogue.send([Array(#"{"v":1,"type":"result","trial_id":"ab","attempt":1}"#.utf8)])
        try rogue.send([Array(#"{"v":99,"type":"heartbeat"}"#.utf8)])
        try rogue.send([[0xFF, 0x00, 0x13], [0x01]])
        rogue.close()
        let port = try #require(Int(endpoint.split(separator: ":").last ?? ""))
        try Self.writeRawBytes(port: port, bytes: Array(repeating: 0xAB, count: 4096))

        #expect(server.waitForOutput(containing: "dropped", timeout: .seconds(30)), "no drop was logged: \(server.stderrSoFar)")
        let worker = try fixture.work(endpoint: endpoint, id: "honest")
        try fixture.expectServed(server, done: 8, in: dir)
        _ = try worker.wait(timeout: .seconds(30))
    }

    @Test("a trial that fails on every attempt is recorded as failed with the worker's error; run exits 3")
    func failingTrials() throws {
        let fixture = try SweepFixture(
            name: "broken",
            yaml: sparseRegressionSpec(name: "broken", base: [("data", "/nonexistent/mirrorsweep-data"), ("steps", "10")], seeds: 2))
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--workers", "2", "--run-dir", dir, "--no-fail-fast"], timeout: .seconds(120))
        #expect(!output.signaled && output.status == 3, "run did not exit with status 3 (trials failed): \(output.stderr)")
        #expect(output.stderr.contains("failed 3 times"), "no trial was given up after 3 attempts: \(output.stderr)")
        #expect(output.stderr.contains("/nonexistent/mirrorsweep-data"), "the worker's error is not reported: \(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["failed"] as? Int == 2)
        #expect(status["done"] as? Int == 0)
        #expect(status["pending"] as? Int == 0)
        let table = try fixture.table(dir, format: "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(table.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["failed"] as? Int == 2, "the table does not show the failures: \(table)")
    }

    /// Opens a plain TCP connection to the loopback port and writes `bytes` (not ZMTP at all).
    static func writeRawBytes(port: Int, bytes: [UInt8]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}

/// Workers outliving their coordinator, and leaving on SIGTERM.
@Suite("Worker sessions with real processes", .serialized)
struct WorkerSessionEndToEndTests {
    @Test("workers reconnect to a restarted coordinator and finish the sweep")
    func coordinatorRestart() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: SweepEndToEndTests.spec)
        let dir = fixture.runDirectory("run")
        let (first, endpoint) = try fixture.serve(runDirectory: dir, extra: SweepEndToEndTests.fastHeartbeat)
        let workers = try (0..<2).map { try fixture.work(endpoint: endpoint, id: "w\($0)") }
        fixture.expectTrials("done", atLeast: 2, in: dir, within: .seconds(120))
        first.send(SIGKILL)
        _ = try first.wait(timeout: .seconds(10))

        let second = try MirrorSweepBinary.start(
            ["serve", fixture.specPath, "--bind", endpoint, "--run-dir", dir] + SweepEndToEndTests.fastHeartbeat)
        let output = try second.wait(timeout: .seconds(300))
        #expect(output.succeeded, "restarted serve failed: \(output.stderr)")
        #expect(output.stderr.contains("worker w0 joined") || output.stderr.contains("worker w1 joined"),
                "no worker came back: \(output.stderr)")
        #expect(try fixture.status(dir)["done"] as? Int == 8)
        for worker in workers {
            let exit = try worker.wait(timeout: .seconds(30))
            #expect(exit.succeeded, "worker failed: \(exit.stderr)")
        }
    }

    @Test("SIGTERM makes a worker hand its trials back and exit cleanly")
    func workerLeavesOnSigterm() throws {
        let fixture = try SweepFixture(name: "e2e", yaml: SweepEndToEndTests.spec)
        let dir = fixture.runDirectory("run")
        let (server, endpoint) = try fixture.serve(runDirectory: dir, extra: SweepEndToEndTests.fastHeartbeat)
        let leaver = try fixture.work(endpoint: endpoint, id: "leaver")
        fixture.expectTrials("running", atLeast: 1, in: dir, within: .seconds(30))
        leaver.send(SIGTERM)
        let exit = try leaver.wait(timeout: .seconds(30))
        #expect(exit.succeeded, "the worker did not exit cleanly: \(exit.stderr)")
        #expect(exit.stderr.contains("stopped"))
        #expect(server.waitForOutput(containing: "worker leaver leaves", timeout: .seconds(60)))

        let finisher = try fixture.work(endpoint: endpoint, id: "finisher")
        try fixture.expectServed(server, done: 8, in: dir)
        _ = try finisher.wait(timeout: .seconds(30))
    }
}
