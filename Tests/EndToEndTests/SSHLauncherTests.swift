import Core
import Foundation
@testable import Launchers
import Logging
import Testing

/// Workers started over real ssh connections to a real sshd on loopback, serving a real sweep.
@Suite(
    "SSH launcher against a real sshd", .serialized,
    .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: SSHServer.sshd),
             "needs root and /usr/sbin/sshd (openssh-server; scripts/install-deps --test) to serve the test's ssh logins"))
struct SSHLauncherTests {
    /// 6 trials of about a second each in a debug build.
    static let spec = regressionSweepSpec(name: "ssh", steps: 60000, weightDecays: ["0", "0.05", "0.1"], seeds: 2)
    /// Trials long enough (minutes each) that a test stopping the workers always finds them mid-sweep,
    /// however loaded the machine.
    static let stopSpec = regressionSweepSpec(name: "ssh", steps: 5_000_000, weightDecays: ["0", "0.05", "0.1"], seeds: 2)

    static let quiet = Logger(label: "test.ssh") { _ in SwiftLogNoOpLogHandler() }

    /// A restart policy that gives a host up after 3 quick failures, waiting 0.1 s between them.
    static let quickPolicy = RestartPolicy(initialBackoff: 0.1, maxBackoff: 0.1, quickFailureLimit: 3)

    func launcher(
        _ server: SSHServer, hosts: String, logDirectory: String, executable: String? = nil, policy: RestartPolicy = .init()
    ) throws -> SSHLauncher {
        SSHLauncher(
            hosts: try SSHHost.parse(hosts), remoteExecutable: try executable ?? MirrorSweepBinary.url().path,
            logDirectory: logDirectory, sshArguments: server.clientArguments, policy: policy, logger: Self.quiet)
    }

    /// A new directory path under the system's temporary directory for a launcher's logs; the
    /// caller removes it.
    static func temporaryLogDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-ssh-\(UUID().uuidString)").path
    }

    /// Serves the spec with `mirrorsweep serve` in the run directory `run` of a new fixture and
    /// starts workers over ssh on `hosts` against it, told `workerArguments`, their logs in the run
    /// directory's `logs`.
    func serveOverSSH(_ server: SSHServer, hosts: String, spec: String = spec, workerArguments: [String] = []) throws -> (
        fixture: SweepFixture, dir: String, logs: String, serve: LaunchedProcess, endpoint: String, ssh: SSHLauncher
    ) {
        let fixture = try SweepFixture(name: "ssh", yaml: spec)
        let dir = fixture.runDirectory("run")
        let logs = (dir as NSString).appendingPathComponent("logs")
        let (serve, endpoint) = try fixture.serve(runDirectory: dir)
        let ssh = try launcher(server, hosts: hosts, logDirectory: logs)
        try ssh.start(endpoint: endpoint, workerArguments: workerArguments)
        return (fixture, dir, logs, serve, endpoint, ssh)
    }

    /// `mirrorsweep run` of `fixture` with `--launcher ssh --hosts hosts`, `options`, the run
    /// directory `dir` and the ssh options that reach `server`.
    static func runOverSSH(_ fixture: SweepFixture, hosts: String, options: [String] = [], dir: String, server: SSHServer) -> [String] {
        ["run", fixture.specPath, "--launcher", "ssh", "--hosts", hosts] + options + ["--run-dir", dir]
            + server.clientArguments.flatMap { ["--ssh-arg", $0] }
    }

    /// A loopback endpoint on a free port that nothing serves.
    static func unservedEndpoint() throws -> String {
        "tcp://127.0.0.1:\(try SSHServer.freePort())"
    }

    /// The log `name` in `directory`.
    static func log(_ name: String, in directory: String) throws -> String {
        try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    /// Calls `supervise` as the coordinator does, with trials remaining, until `condition` holds
    /// for its report (at most 60 s); returns the last report.
    static func supervise(_ ssh: SSHLauncher, until condition: (LauncherReport) -> Bool) -> LauncherReport {
        var report = ssh.supervise(now: MonotonicClock.seconds(), trialsRemain: true)
        _ = SweepFixture.waitUntil(timeout: .seconds(60)) {
            report = ssh.supervise(now: MonotonicClock.seconds(), trialsRemain: true)
            return condition(report)
        }
        return report
    }

    /// Pids of the `mirrorsweep work` processes of this build started with `--worker-id id`.
    static func workers(id: String) -> [Int32] {
        let binary = try? MirrorSweepBinary.url().path
        return processes { arguments in arguments.first == binary && arguments.contains("work") && arguments.contains(id) }
    }

    /// How many workers a log records as started by the remote script.
    static func remoteStarts(_ log: String) -> Int {
        log.split(whereSeparator: \.isNewline).count { $0.hasPrefix("mirrorsweep-ssh: remote pid ") }
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
        let (fixture, dir, logs, serve, endpoint, ssh) = try serveOverSSH(
            server, hosts: "127.0.0.1:2, localhost", workerArguments: ["--log-level", "debug"])
        #expect(SweepFixture.waitUntil(timeout: .seconds(30)) { Self.workers(connectingTo: endpoint).count == 2 })

        let output = try serve.wait(timeout: .seconds(300))
        #expect(output.succeeded, "serve failed: \(output.stderr); sshd: \(server.log)")
        ssh.stop(grace: 60)
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int == 6)
        #expect(status["workers_seen"] as? Int == 2)
        #expect(Self.workers(connectingTo: endpoint).isEmpty)

        let first = try Self.log("ssh-127.0.0.1.log", in: logs)
        let second = try Self.log("ssh-localhost.log", in: logs)
        #expect(first.hasPrefix("mirrorsweep-ssh: remote pid "), "\(first)")
        #expect(first.contains("worker ssh-127.0.0.1-0 exits: shutdown"), "\(first)")
        #expect(second.contains("worker ssh-localhost-1 exits: shutdown"), "\(second)")
    }

    @Test("`run --launcher ssh --hosts` starts the workers over ssh and stops them; its table equals a local run's")
    func runCommandOverSSH() throws {
        let server = try SSHServer()
        let fixture = try SweepFixture(name: "ssh", yaml: Self.spec)
        let dir = fixture.runDirectory("over-ssh")
        let output = try MirrorSweepBinary.run(
            Self.runOverSSH(fixture, hosts: "127.0.0.1:2,localhost", dir: dir, server: server), timeout: .seconds(600))
        #expect(output.succeeded, "run over ssh failed: \(output.stderr); sshd: \(server.log)")
        #expect(try fixture.status(dir)["workers_seen"] as? Int == 2)
        let logs = (dir as NSString).appendingPathComponent("logs")
        #expect(FileManager.default.fileExists(atPath: (logs as NSString).appendingPathComponent("ssh-localhost.log")))

        let local = try fixture.localTable("local", timeout: .seconds(600))
        #expect(try fixture.table(dir) == local)
    }

    @Test("stop mid-sweep ends every remote worker: its ssh stdin closes, it gets SIGTERM and says goodbye")
    func stopMidSweep() throws {
        let server = try SSHServer()
        let (fixture, dir, logs, serve, endpoint, ssh) = try serveOverSSH(server, hosts: "127.0.0.1,localhost", spec: Self.stopSpec)
        fixture.expectTrials("running", atLeast: 2, in: dir, within: .seconds(60))
        #expect(ssh.supervise(now: MonotonicClock.seconds(), trialsRemain: true).status == "ssh: 2/2 workers running")

        ssh.stop(grace: 0)
        #expect(Self.workers(connectingTo: endpoint).isEmpty)
        #expect(Self.sshClients(for: endpoint).isEmpty)
        for name in ["ssh-127.0.0.1.log", "ssh-localhost.log"] {
            let log = try Self.log(name, in: logs)
            #expect(log.contains("exits: stopped"), "\(name): \(log)")
        }
        #expect(ssh.supervise(now: MonotonicClock.seconds(), trialsRemain: true).status == nil)
        #expect(Self.sshClients(for: endpoint).isEmpty, "a stopped launcher started a worker again")
        serve.send(SIGTERM)
        _ = try serve.wait(timeout: .seconds(60))
    }

    @Test("a dropped ssh connection: the remote worker exits by itself; a new one starts with the same worker id and log")
    func droppedConnection() throws {
        let server = try SSHServer()
        let dir = Self.temporaryLogDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let endpoint = try Self.unservedEndpoint()
        let ssh = try launcher(server, hosts: "localhost:2", logDirectory: dir)
        try ssh.start(endpoint: endpoint, workerArguments: [])
        #expect(SweepFixture.waitUntil(timeout: .seconds(30)) { Self.workers(connectingTo: endpoint).count == 1 })
        let first = Self.workers(id: "ssh-localhost-0")
        #expect(first.count == 1)
        let clients = Self.sshClients(for: endpoint)
        #expect(clients.count == 1)
        for pid in clients { kill(pid, SIGKILL) }

        let gone = SweepFixture.waitUntil(timeout: .seconds(30)) { Self.workers(connectingTo: endpoint).isEmpty }
        #expect(gone, "the remote worker outlived its ssh connection")
        let dropped = Self.supervise(ssh) { $0.status?.hasPrefix("ssh: 0/1 workers running") == true }
        #expect(dropped.status == "ssh: 0/1 workers running; restarting localhost (killed by signal 9)")
        #expect(dropped.gaveUp == nil)

        let report = Self.supervise(ssh) { $0.status == "ssh: 1/1 workers running, 1 restarted" }
        #expect(report.status == "ssh: 1/1 workers running, 1 restarted")
        let second = Self.workers(id: "ssh-localhost-0")
        #expect(second.count == 1 && second != first, "no new worker with the same id: \(first) then \(second)")
        let log = try Self.log("ssh-localhost.log", in: dir)
        #expect(Self.remoteStarts(log) == 2, "\(log)")
        #expect(log.contains("--- mirrorsweep: restarting worker ssh-localhost-0 at "), "\(log)")
        ssh.stop(grace: 0)
        #expect(Self.workers(connectingTo: endpoint).isEmpty)
    }

    @Test("an unreachable host next to a good one: start goes on; the host is retried, then given up with its ssh error")
    func unreachableHost() throws {
        let server = try SSHServer()
        let dir = Self.temporaryLogDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let endpoint = try Self.unservedEndpoint()
        let ssh = try launcher(server, hosts: "127.0.0.1,127.0.0.2", logDirectory: dir, policy: Self.quickPolicy)
        try ssh.start(endpoint: endpoint, workerArguments: [])
        #expect(Self.workers(id: "ssh-127.0.0.1-0").count == 1)

        let report = Self.supervise(ssh) { $0.status?.contains("gave up") == true }
        let refused = "ssh: connect to host 127.0.0.2 port \(server.port): Connection refused"
        #expect(report.status == "ssh: 1/2 workers running; gave up on 127.0.0.2 (\(refused))")
        #expect(report.gaveUp == nil)
        #expect(report.fatal == nil)
        let log = try Self.log("ssh-127.0.0.2.log", in: dir)
        #expect(log.components(separatedBy: refused).count - 1 == 3, "3 attempts before giving up: \(log)")
        #expect(Self.workers(id: "ssh-127.0.0.1-0").count == 1, "the good host's worker was disturbed")
        ssh.stop(grace: 0)
        #expect(Self.workers(connectingTo: endpoint).isEmpty)
        #expect(Self.sshClients(for: endpoint).isEmpty)
    }

    @Test("when no host can start a worker, start fails naming each host's ssh error")
    func noHostStarts() throws {
        let server = try SSHServer()
        let dir = Self.temporaryLogDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let endpoint = try Self.unservedEndpoint()
        let ssh = try launcher(server, hosts: "127.0.0.2,127.0.0.3", logDirectory: dir)
        let error = #expect(throws: LauncherError.self) { try ssh.start(endpoint: endpoint, workerArguments: []) }
        let message = error?.description ?? ""
        for host in ["127.0.0.2", "127.0.0.3"] {
            #expect(message.contains("\(host): ssh ended (exit status 255) before the worker started"), "\(message)")
            #expect(message.contains("ssh: connect to host \(host) port \(server.port): Connection refused"), "\(message)")
        }
        #expect(Self.sshClients(for: endpoint).isEmpty)
        #expect(ssh.supervise(now: MonotonicClock.seconds(), trialsRemain: true).status == nil, "a failed start left the launcher running")
    }

    @Test("workers that exit as soon as they start on every host: each host is given up and the report says so, not fatally")
    func everyHostGivenUp() throws {
        let server = try SSHServer()
        let dir = Self.temporaryLogDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ssh = try launcher(server, hosts: "127.0.0.1,localhost", logDirectory: dir, executable: "/bin/false", policy: Self.quickPolicy)
        try ssh.start(endpoint: "tcp://127.0.0.1:1", workerArguments: [])
        let report = Self.supervise(ssh) { $0.gaveUp != nil }
        #expect(report.gaveUp == "gave up on every ssh host: 127.0.0.1 (exit status 1), localhost (exit status 1)")
        #expect(report.status == "ssh: 0/2 workers running, 4 restarted; gave up on 127.0.0.1 (exit status 1), localhost (exit status 1)")
        #expect(report.fatal == nil)
        let log = try Self.log("ssh-localhost.log", in: dir)
        #expect(Self.remoteStarts(log) == 3, "\(log)")
        ssh.stop(grace: 0)
    }

    @Test("a missing remote executable fails start, naming the host and the path")
    func missingExecutable() throws {
        let server = try SSHServer()
        let dir = Self.temporaryLogDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ssh = try launcher(server, hosts: "localhost", logDirectory: dir, executable: "/nonexistent/dir with space/mirrorsweep")
        let error = #expect(throws: LauncherError.self) {
            try ssh.start(endpoint: "tcp://127.0.0.1:1", workerArguments: [])
        }
        let message = error?.description ?? ""
        #expect(message.contains("localhost: ssh ended (exit status 127)"), "\(message)")
        #expect(message.contains("/nonexistent/dir with space/mirrorsweep is not an executable"), "\(message)")
    }
}
