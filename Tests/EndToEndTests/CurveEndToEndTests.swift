import Foundation
import Testing

/// CURVE keys, authenticated and encrypted workers, and the loopback-only default, with real processes.
@Suite("CURVE workers and bind policy with real processes", .serialized)
struct CurveEndToEndTests {
    /// 8 trials that do no training.
    static let spec = """
        name: curve
        base:
          problem: noop
        grid:
          steps: [0, 1, 2, 3]
        seeds: 2
        """

    /// `mirrorsweep keys generate DIR ARGS…`, which must succeed.
    func generate(_ directory: String, _ arguments: [String] = []) throws -> ProcessOutput {
        let output = try MirrorSweepBinary.run(["keys", "generate", directory] + arguments, timeout: .seconds(60))
        try #require(output.succeeded, "keys generate failed: \(output.stderr)")
        return output
    }

    /// The key line of a key file.
    func key(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try #require(text.split(separator: "\n").last.map(String.init))
    }

    /// Keys in `fixture`: `keys/{coordinator,worker}.*`, `stranger/stranger.*`, and `allow/` listing `worker` only.
    func keys(_ fixture: SweepFixture) throws -> (keys: String, allow: String, stranger: String) {
        let keys = fixture.runDirectory("keys")
        let allow = fixture.runDirectory("allow")
        let stranger = fixture.runDirectory("stranger")
        _ = try generate(keys)
        _ = try generate(stranger, ["--name", "stranger"])
        try FileManager.default.createDirectory(atPath: allow, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(keys)/worker.public", toPath: "\(allow)/worker.public")
        return (keys, allow, stranger)
    }

    /// Starts `serve` with `arguments` and returns it with the port it listens on.
    func serve(_ arguments: [String]) throws -> (LaunchedProcess, Int) {
        let process = try MirrorSweepBinary.start(["serve"] + arguments)
        #expect(process.waitForOutput(containing: "listening on ", timeout: .seconds(30)), "serve did not start: \(process.stderrSoFar)")
        let line = try #require(process.stderrSoFar.split(separator: "\n").first { $0.hasPrefix("listening on ") })
        return (process, try #require(Int(line.split(separator: ":").last ?? "")))
    }

    @Test("keys generate writes Z85 key files, the secret ones mode 0600, and never overwrites")
    func keysGenerate() throws {
        let fixture = try SweepFixture(name: "curve", yaml: Self.spec)
        let dir = fixture.runDirectory("keys")
        let output = try generate(dir)
        for name in ["coordinator", "worker"] {
            #expect(output.stdout.contains("wrote \(dir)/\(name).secret"))
            #expect(output.stdout.contains("wrote \(dir)/\(name).public"))
            let secret = try FileManager.default.attributesOfItem(atPath: "\(dir)/\(name).secret")[.posixPermissions] as? Int
            #expect(secret == 0o600)
            let text = try String(contentsOfFile: "\(dir)/\(name).public", encoding: .utf8)
            #expect(text.hasPrefix("# MirrorSweep CURVE public key '\(name)'"))
            #expect(try key("\(dir)/\(name).public").count == 40)
            #expect(try key("\(dir)/\(name).secret").count == 40)
        }
        #expect(output.stdout.contains("cp \(dir)/worker.public ALLOW/"))
        let before = try key("\(dir)/worker.secret")

        let again = try MirrorSweepBinary.run(["keys", "generate", dir, "--name", "fresh", "--name", "worker"], timeout: .seconds(60))
        #expect(again.status == 2)
        #expect(again.stderr.contains("refusing to overwrite existing keys: \(dir)/worker.public, \(dir)/worker.secret"), "\(again.stderr)")
        #expect(try key("\(dir)/worker.secret") == before)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/fresh.secret"), "a refused generate wrote a key")

        let named = try generate(dir, ["--name", "node1", "--name", "node2"])
        #expect(named.stdout.contains("\(dir)/node2.public"))
        #expect(try key("\(dir)/node1.public") != key("\(dir)/node2.public"))
    }

    @Test("listed workers are served on an open bind; an unlisted key and a worker without CURVE get nothing and are logged")
    func onlyListedWorkersAreServed() throws {
        let fixture = try SweepFixture(name: "curve", yaml: Self.spec)
        let (keys, allow, stranger) = try keys(fixture)
        let dir = fixture.runDirectory("run")
        let (server, port) = try serve([
            fixture.specPath, "--bind", "tcp://0.0.0.0:*", "--run-dir", dir,
            "--secret-key", "\(keys)/coordinator.secret", "--allow-keys", allow,
        ])
        let endpoint = "tcp://127.0.0.1:\(port)"
        let serverKey = "\(keys)/coordinator.public"
        let unlisted = try MirrorSweepBinary.start([
            "work", "--connect", endpoint, "--worker-id", "unlisted",
            "--server-public-key", serverKey, "--secret-key", "\(stranger)/stranger.secret",
        ])
        let plain = try MirrorSweepBinary.start(["work", "--connect", endpoint, "--worker-id", "plain"])
        let strangerKey = try key("\(stranger)/stranger.public")
        #expect(server.waitForOutput(containing: strangerKey, timeout: .seconds(30)), "no refusal of the unlisted key: \(server.stderrSoFar)")
        #expect(server.waitForOutput(containing: "refused a connection: handshake on tcp://127.0.0.1:\(port) failed", timeout: .seconds(30)),
                "no refusal of the worker without CURVE: \(server.stderrSoFar)")
        #expect(server.stderrSoFar.contains("refused a CURVE connection from 127.0.0.1: public key not in the allow-list"))
        #expect(unlisted.waitForOutput(containing: "does not allow this worker's public key \(strangerKey)", timeout: .seconds(30)),
                "the unlisted worker was not told: \(unlisted.stderrSoFar)")
        #expect(plain.waitForOutput(containing: "handshake on \(endpoint) failed", timeout: .seconds(30)),
                "the worker without CURVE was not told: \(plain.stderrSoFar)")

        let listed = try MirrorSweepBinary.start([
            "work", "--connect", endpoint, "--worker-id", "listed",
        ] + ["--server-public-key", serverKey, "--secret-key", "\(keys)/worker.secret"])
        let (output, status) = try fixture.expectServed(server, done: 8, in: dir, timeout: .seconds(120))
        #expect(output.stderr.contains("worker listed joined"), "\(output.stderr)")
        #expect(!output.stderr.contains("worker unlisted joined") && !output.stderr.contains("worker plain joined"))
        #expect(status["workers_seen"] as? Int == 1)
        #expect(try listed.wait(timeout: .seconds(30)).succeeded)
        for intruder in [unlisted, plain] {
            #expect(intruder.isRunning, "an intruder was shut down as if served")
            #expect(!intruder.stderrSoFar.contains("joined run"))
        }
    }

    @Test("without keys a non-loopback bind is refused unless --insecure-open; key flags come in pairs")
    func bindPolicy() throws {
        let fixture = try SweepFixture(name: "curve", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        for bind in ["tcp://0.0.0.0:*", "tcp://*:*"] {
            let refused = try MirrorSweepBinary.run(["serve", fixture.specPath, "--bind", bind, "--run-dir", dir], timeout: .seconds(60))
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--bind \(bind) can be reached from other machines"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--secret-key FILE and --allow-keys DIR") && refused.stderr.contains("--insecure-open"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir), "a refused serve created the run directory")

        let (open, port) = try serve([fixture.specPath, "--bind", "tcp://0.0.0.0:*", "--run-dir", dir, "--insecure-open"])
        #expect(open.stderrSoFar.contains("--insecure-open: anyone who reaches tcp://0.0.0.0:* is served"))
        let worker = try MirrorSweepBinary.start(["work", "--connect", "tcp://127.0.0.1:\(port)", "--worker-id", "anyone"])
        let output = try open.wait(timeout: .seconds(120))
        #expect(output.succeeded, "serve --insecure-open failed: \(output.stderr)")
        #expect(try fixture.status(dir)["done"] as? Int == 8)
        _ = try worker.wait(timeout: .seconds(30))

        let (keys, allow, _) = try keys(fixture)
        let cases: [([String], String)] = [
            (["serve", fixture.specPath, "--secret-key", "\(keys)/coordinator.secret"], "--secret-key needs --allow-keys DIR"),
            (["serve", fixture.specPath, "--allow-keys", allow], "--allow-keys needs --secret-key FILE"),
            (["serve", fixture.specPath, "--secret-key", "\(keys)/coordinator.public", "--allow-keys", allow],
             "--secret-key: key file \(keys)/coordinator.public: permissions 0644 are too open"),
            (["serve", fixture.specPath, "--secret-key", "\(keys)/coordinator.secret", "--allow-keys", keys + "/missing"],
             "--allow-keys: key file \(keys)/missing: cannot list"),
            (["work", "--connect", "tcp://127.0.0.1:1", "--secret-key", "\(keys)/worker.secret"], "--secret-key needs --server-public-key FILE"),
            (["work", "--connect", "tcp://127.0.0.1:1", "--server-public-key", "\(keys)/coordinator.public"], "--server-public-key needs --secret-key FILE"),
            (["run", fixture.specPath, "--secret-key", "\(keys)/coordinator.secret", "--allow-keys", allow], "--secret-key needs --worker-key FILE"),
        ]
        for (arguments, message) in cases {
            let output = try MirrorSweepBinary.run(arguments, timeout: .seconds(60))
            #expect(output.status == 2, "\(arguments) exited \(output.status)")
            #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
        }
    }

    @Test("run with keys: local workers authenticate with --worker-key, which must be listed")
    func runWithKeys() throws {
        let fixture = try SweepFixture(name: "curve", yaml: Self.spec)
        let (keys, allow, stranger) = try keys(fixture)
        let dir = fixture.runDirectory("run")
        let base = ["run", fixture.specPath, "--workers", "2", "--run-dir", dir,
                    "--secret-key", "\(keys)/coordinator.secret", "--allow-keys", allow]

        let refused = try MirrorSweepBinary.run(base + ["--worker-key", "\(stranger)/stranger.secret"], timeout: .seconds(60))
        #expect(refused.status == 2)
        let strangerKey = try key("\(stranger)/stranger.public")
        #expect(refused.stderr.contains("--worker-key \(stranger)/stranger.secret: its public key \(strangerKey) is not in --allow-keys \(allow)"),
                "\(refused.stderr)")

        let output = try MirrorSweepBinary.run(base + ["--worker-key", "\(keys)/worker.secret", "--log-level", "debug"], timeout: .seconds(120))
        #expect(output.succeeded, "run failed: \(output.stderr)")
        #expect(output.stderr.contains("accepted the CURVE key of worker 'worker'"), "\(output.stderr)")
        #expect(try fixture.status(dir)["done"] as? Int == 8)
        #expect(try key("\(dir)/coordinator.public") == key("\(keys)/coordinator.public"))
    }
}
