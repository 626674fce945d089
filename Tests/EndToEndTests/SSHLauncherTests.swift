import Coordinator
import Foundation
import Logging
import Testing

/// Workers started over real ssh connections to a real sshd on loopback, serving a real sweep.
@Suite("SSH launcher against a real sshd", .serialized)
struct SSHLauncherTests {
    /// 6 trials of about a second each in a debug build.
    static let spec = regressionSweepSpec(name: "ssh", steps: 60000, weightDecays: ["0", "0.05", "0.1"], seeds: 2)

    static let quiet = Logger(label: "test.ssh") { _ in SwiftLogNoOpLogHandler() }

    func launcher(_ server: SSHServer, hosts: String, logDirectory: String, executable: String? = nil) throws -> SSHLauncher {
        SSHLauncher(
            hosts: try SSHHost.parse(hosts), remoteExecutable: try executable ?? MirrorSweepBinary.url().path,
            logDirectory: logDirectory, sshArguments: server.clientArguments, logger: Self.quiet)
    }

    /// Pids of `mirrorsweep work` processes whose arguments hold `endpoint` as one word: the
    /// workers ssh started for a test (the ssh commands hold it inside a longer word).
    static func workers(connectingTo endpoint: String) -> [Int32] {
        processes { arguments in arguments.contains("work") && arguments.contains(endpoint) }
    }

    /// Pids of the local `ssh` processes whose remote command mentions `endpoint`.
    static func sshClients(for endpoint: String) -> [Int32] {
        processes { arguments in
            arguments.first.map { ($0 as NSString).lastPathComponent == "ssh" } == true
                && arguments.last?.contains(endpoint) == true
        }
    }

    static func processes(matching: ([String]) -> Bool) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return false }
            return matching(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        }
    }

    @Test("a sweep served by `mirrorsweep serve` completes with workers on two ssh hosts; logs land in the run directory")
    func sweepCompletes() throws {
        let server = try SSHServer()
        let fixture = try SweepFixture(name: "ssh", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let logs = (dir as NSString).appendingPathComponent("logs")
        let (serve, endpoint) = try fixture.serve(runDirectory: dir)
        let ssh = try launcher(server, hosts: "127.0.0.1:2, localhost", logDirectory: logs)
        try ssh.start(endpoint: endpoint, workerArguments: ["--log-level", "debug"])
        #expect(SweepFixture.waitUntil(timeout: .seconds(30)) { Self.workers(connectingTo: endpoint).count == 2 })

        let output = try serve.wait(timeout: .seconds(300))
        #expect(output.succeeded, "serve failed: \(output.stderr); sshd: \(server.log)")
        ssh.stop(grace: 60)
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 6)
        #expect(status["workers_seen"] as? Int == 2)
        #expect(Self.workers(connectingTo: endpoint).isEmpty)

        let first = try String(contentsOfFile: (logs as NSString).appendingPathComponent("ssh-127.0.0.1.log"), encoding: .utf8)
        let second = try String(contentsOfFile: (logs as NSString).appendingPathComponent("ssh-localhost.log"), encoding: .utf8)
        #expect(first.hasPrefix("mirrorsweep-ssh: remote pid "), "\(first)")
        #expect(first.contains("worker ssh-127.0.0.1-0 exits: shutdown"), "\(first)")
        #expect(second.contains("worker ssh-localhost-1 exits: shutdown"), "\(second)")
    }

    @Test("`run --launcher ssh --hosts` starts the workers over ssh and stops them; its table equals a local run's")
    func runCommandOverSSH() throws {
        let server = try SSHServer()
        let fixture = try SweepFixture(name: "ssh", yaml: Self.spec)
        let dir = fixture.runDirectory("over-ssh")
        let sshArguments = server.clientArguments.flatMap { ["--ssh-arg", $0] }
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--launcher", "ssh", "--hosts", "127.0.0.1:2,localhost", "--run-dir", dir] + sshArguments,
            timeout: .seconds(600))
        #expect(output.succeeded, "run over ssh failed: \(output.stderr); sshd: \(server.log)")
        #expect(try fixture.status(dir)["workers_seen"] as? Int == 2)
        let logs = (dir as NSString).appendingPathComponent("logs")
        #expect(FileManager.default.fileExists(atPath: (logs as NSString).appendingPathComponent("ssh-localhost.log")))

        let local = fixture.runDirectory("local")
        let clean = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", local], timeout: .seconds(600))
        #expect(clean.succeeded, "local run failed: \(clean.stderr)")
        #expect(try fixture.table(dir) == fixture.table(local))
    }

    @Test("stop mid-sweep ends every remote worker: its ssh stdin closes, it gets SIGTERM and says goodbye")
    func stopMidSweep() throws {
        let server = try SSHServer()
        let fixture = try SweepFixture(name: "ssh", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let logs = (dir as NSString).appendingPathComponent("logs")
        let (serve, endpoint) = try fixture.serve(runDirectory: dir)
        let ssh = try launcher(server, hosts: "127.0.0.1,localhost", logDirectory: logs)
        try ssh.start(endpoint: endpoint, workerArguments: [])
        let running = SweepFixture.waitUntil(timeout: .seconds(60)) { (try? fixture.status(dir))?["running"] as? Int ?? 0 >= 2 }
        #expect(running, "the sweep never had 2 trials running")
        #expect(ssh.statusLine() == "ssh: 2/2 workers running")

        ssh.stop(grace: 0)
        #expect(Self.workers(connectingTo: endpoint).isEmpty)
        #expect(Self.sshClients(for: endpoint).isEmpty)
        for name in ["ssh-127.0.0.1.log", "ssh-localhost.log"] {
            let log = try String(contentsOfFile: (logs as NSString).appendingPathComponent(name), encoding: .utf8)
            #expect(log.contains("exits: stopped"), "\(name): \(log)")
        }
        #expect(ssh.statusLine() == nil)
        serve.send(SIGTERM)
        _ = try serve.wait(timeout: .seconds(60))
    }

    @Test("a dropped ssh connection: the remote worker exits by itself and the status line names the host")
    func droppedConnection() throws {
        let server = try SSHServer()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-ssh-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let endpoint = "tcp://127.0.0.1:\(try SSHServer.freePort())"
        let ssh = try launcher(server, hosts: "localhost:2", logDirectory: dir)
        try ssh.start(endpoint: endpoint, workerArguments: [])
        #expect(SweepFixture.waitUntil(timeout: .seconds(30)) { Self.workers(connectingTo: endpoint).count == 1 })
        let clients = Self.sshClients(for: endpoint)
        #expect(clients.count == 1)
        for pid in clients { kill(pid, SIGKILL) }

        let gone = SweepFixture.waitUntil(timeout: .seconds(30)) { Self.workers(connectingTo: endpoint).isEmpty }
        #expect(gone, "the remote worker outlived its ssh connection")
        let line = try #require(ssh.statusLine())
        #expect(line == "ssh: 0/1 workers running; ended on localhost (killed by signal 9)")
        ssh.stop(grace: 0)
    }

    @Test("an unreachable host fails start with its ssh error; the worker already started is stopped")
    func unreachableHost() throws {
        let server = try SSHServer()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-ssh-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let endpoint = "tcp://127.0.0.1:\(try SSHServer.freePort())"
        let ssh = try launcher(server, hosts: "127.0.0.1,127.0.0.2", logDirectory: dir)
        let error = #expect(throws: CoordinatorError.self) { try ssh.start(endpoint: endpoint, workerArguments: []) }
        let message = error?.description ?? ""
        #expect(message.contains("127.0.0.2: ssh ended (exit status 255) before the worker started"), "\(message)")
        #expect(message.contains("Connection refused"), "\(message)")
        #expect(!message.contains("127.0.0.1:"), "\(message)")
        #expect(Self.workers(connectingTo: endpoint).isEmpty)
        #expect(Self.sshClients(for: endpoint).isEmpty)
    }

    @Test("a missing remote executable fails start, naming the host and the path")
    func missingExecutable() throws {
        let server = try SSHServer()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-ssh-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ssh = try launcher(server, hosts: "localhost", logDirectory: dir, executable: "/nonexistent/dir with space/mirrorsweep")
        let error = #expect(throws: CoordinatorError.self) {
            try ssh.start(endpoint: "tcp://127.0.0.1:1", workerArguments: [])
        }
        let message = error?.description ?? ""
        #expect(message.contains("localhost: ssh ended (exit status 127)"), "\(message)")
        #expect(message.contains("/nonexistent/dir with space/mirrorsweep is not an executable"), "\(message)")
    }
}
