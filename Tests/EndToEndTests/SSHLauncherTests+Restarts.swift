import Foundation
import Testing

/// `run --launcher ssh` with workers that die or never start: restarts and hosts given up.
extension SSHLauncherTests {
    /// 12 trials of about a second each in a debug build, so that a worker can be killed mid-sweep.
    static let longSpec = regressionSweepSpec(name: "ssh-restart", steps: 60000, weightDecays: ["0", "0.05", "0.1"], seeds: 4)

    @Test("a remote worker killed mid-sweep is restarted with its worker id and log; the table equals a local run's")
    func killedWorkerIsRestarted() throws {
        let server = try SSHServer()
        let fixture = try SweepFixture(name: "ssh-restart", yaml: Self.longSpec)
        let dir = fixture.runDirectory("over-ssh")
        let run = try MirrorSweepBinary.start(Self.runOverSSH(fixture, hosts: "127.0.0.1:2,localhost", dir: dir, server: server))
        // With 2 trials running, the 2-slot worker on 127.0.0.1 holds at least one.
        let busy = SweepFixture.waitUntil(timeout: .seconds(120)) {
            ((try? fixture.status(dir))?["running"] as? Int ?? 0) >= 2 && Self.workers(id: "ssh-127.0.0.1-0").count == 1
        }
        try #require(busy, "the sweep never had 2 trials running: \(run.stderrSoFar)")
        let victim = Self.workers(id: "ssh-127.0.0.1-0")
        for pid in victim { kill(pid, SIGKILL) }

        let output = try run.wait(timeout: .seconds(600))
        #expect(output.succeeded, "run over ssh failed: \(output.stderr); sshd: \(server.log)")
        #expect(output.stderr.contains("the worker on 127.0.0.1 ended (exit status 137) while trials remain"), "\(output.stderr)")
        #expect(output.stderr.contains("restarted the worker on 127.0.0.1 as ssh-127.0.0.1-0"), "\(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 12)
        #expect(status["workers_seen"] as? Int == 2, "the replacement joined under a new worker id")
        let log = try Self.log("logs/ssh-127.0.0.1.log", in: dir)
        #expect(Self.remoteStarts(log) == 2, "\(log)")
        #expect(log.contains("--- mirrorsweep: restarting worker ssh-127.0.0.1-0 at "), "\(log)")
        #expect(log.contains("worker ssh-127.0.0.1-0 exits: shutdown"), "\(log)")
        #expect(Self.workers(id: "ssh-127.0.0.1-0").isEmpty)

        let local = try fixture.localTable("local", timeout: .seconds(600))
        #expect(try fixture.table(dir) == local)
    }

    @Test("a host where ssh is refused, next to a good host: the sweep finishes on the good host; the bad one is given up, named with its ssh error")
    func refusedHostIsGivenUp() throws {
        let server = try SSHServer()
        let fixture = try SweepFixture(name: "ssh", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        // The good host's worker waits for this file before it connects, so that the sweep cannot
        // end before the bad host is given up.
        let gate = fixture.directory.appendingPathComponent("open").path
        let gated = fixture.directory.appendingPathComponent("gated-mirrorsweep").path
        try """
            #!/bin/sh
            while [ ! -e '\(gate)' ]; do sleep 0.1; done
            exec '\(try MirrorSweepBinary.url().path)' "$@"

            """.write(toFile: gated, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gated)
        let run = try MirrorSweepBinary.start(Self.runOverSSH(
            fixture, hosts: "127.0.0.1:2,127.0.0.2", options: ["--bind", "tcp://127.0.0.1:*", "--remote-binary", gated], dir: dir,
            server: server))
        let gaveUp = run.waitForOutput(containing: "giving up on ssh host 127.0.0.2", timeout: .seconds(300))
        #expect(FileManager.default.createFile(atPath: gate, contents: nil), "cannot open the gate \(gate)")
        #expect(gaveUp, "\(run.stderrSoFar)")

        let output = try run.wait(timeout: .seconds(600))
        #expect(output.succeeded, "run over ssh failed: \(output.stderr); sshd: \(server.log)")
        let refused = "ssh ended (exit status 255) before the worker started: ssh: connect to host 127.0.0.2 port \(server.port): Connection refused"
        #expect(output.stderr.contains("could not start the worker on 127.0.0.2: \(refused)"), "\(output.stderr)")
        #expect(
            output.stderr.contains(
                "giving up on ssh host 127.0.0.2: 5 workers in a row ended within 10 s of starting; the last: could not start: \(refused)"),
            "\(output.stderr)")
        #expect(output.stderr.contains("the sweep goes on with the other hosts"), "\(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 6)
        #expect(status["workers_seen"] as? Int == 1)
        let log = try Self.log("logs/ssh-127.0.0.2.log", in: dir)
        #expect(log.components(separatedBy: "Connection refused").count - 1 == 5, "\(log)")
        #expect(Self.workers(id: "ssh-127.0.0.1-0").isEmpty)
    }
}
