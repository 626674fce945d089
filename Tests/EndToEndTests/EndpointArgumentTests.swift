import Testing

/// `work --connect` and `serve --bind` refuse an endpoint ZeroMQ would reject, naming the form
/// expected, before any socket is made.
@Suite("Endpoint options")
struct EndpointArgumentTests {
    static let expected = "expected tcp://HOST:PORT (e.g. tcp://127.0.0.1:5555) or ipc://PATH"

    @Test("work --connect without a scheme, port or host says what form is expected", arguments: [
        ("localhost:5999", "got 'localhost:5999'\n"),
        ("tcp://localhost", "got 'tcp://localhost' (no port)"),
        ("tcp://:5999", "got 'tcp://:5999' (no host)"),
        ("tcp://127.0.0.1:http", "got 'tcp://127.0.0.1:http' (port 'http' is not 1–65535)"),
        ("tcp://127.0.0.1:*", "got 'tcp://127.0.0.1:*' ('*' is for --bind; give the coordinator's port)"),
        ("udp://127.0.0.1:5999", "got 'udp://127.0.0.1:5999' (unsupported scheme 'udp')"),
        ("tcp://::1:5999", "got 'tcp://::1:5999' (write an IPv6 address in brackets, e.g. tcp://[::1]:5555)"),
    ])
    func connect(endpoint: String, problem: String) throws {
        let output = try MirrorSweepBinary.run(["work", "--connect", endpoint], timeout: .seconds(30))
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("--connect: \(Self.expected); \(problem)"), "\(output.stderr)")
        #expect(!output.stderr.contains("errno"))
    }

    @Test("serve and run --bind are checked alike; '*' binds every interface or a free port")
    func bind() throws {
        let fixture = try SweepFixture(name: "bind", yaml: "name: bind\nbase: {problem: noop}\n")
        for command in ["serve", "run"] {
            let output = try MirrorSweepBinary.run([command, fixture.specPath, "--bind", "127.0.0.1:5999"], timeout: .seconds(30))
            #expect(output.status == 2, "\(output.stderr)")
            #expect(output.stderr.contains("--bind: \(Self.expected); got '127.0.0.1:5999'"), "\(output.stderr)")
        }
        let served = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--bind", "tcp://127.0.0.1:*", "--workers", "1", "--run-dir", fixture.runDirectory("ok")],
            timeout: .seconds(120))
        #expect(served.succeeded, "a wildcard port is refused: \(served.stderr)")
    }

    @Test("ipc and bracketed IPv6 endpoints pass the check")
    func allowedForms() throws {
        for endpoint in ["ipc:///tmp/mirrorsweep-none.sock", "tcp://[::1]:5999"] {
            let output = try MirrorSweepBinary.run(["work", "--connect", endpoint, "--slots", "0"], timeout: .seconds(30))
            #expect(output.status == 2)
            #expect(!output.stderr.contains("--connect:") && output.stderr.contains("--slots must be"), "\(output.stderr)")
        }
    }
}
