import Foundation
import Testing

/// A temporary directory holding a sweep spec, with helpers to drive `mirrorsweep` on it.
struct SweepFixture {
    let directory: URL
    let specPath: String

    /// Writes `yaml` as `<name>.yaml` into a new temporary directory.
    init(name: String, yaml: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        specPath = directory.appendingPathComponent("\(name).yaml").path
        try yaml.write(toFile: specPath, atomically: true, encoding: .utf8)
    }

    /// A run directory inside the fixture.
    func runDirectory(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Why `status` gave no answer.
    struct StatusUnavailable: Error {
        let stderr: String
    }

    /// `mirrorsweep status DIR --json`, decoded; throws ``StatusUnavailable`` while there is no journal.
    func status(_ runDirectory: String) throws -> [String: Any] {
        let output = try MirrorSweepBinary.run(["status", runDirectory, "--json"], timeout: .seconds(30))
        guard output.succeeded,
              let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        else { throw StatusUnavailable(stderr: output.stderr) }
        return object
    }

    /// `mirrorsweep table DIR --format FORMAT`.
    func table(_ runDirectory: String, format: String = "csv") throws -> String {
        let output = try MirrorSweepBinary.run(["table", runDirectory, "--format", format], timeout: .seconds(30))
        try #require(output.succeeded, "table failed: \(output.stderr)")
        return output.stdout
    }

    /// Runs the spec with `mirrorsweep run ARGUMENTS… --workers 2` into the run directory `name`
    /// and returns its CSV table, the reference a sweep run otherwise must equal.
    func localTable(_ name: String, arguments: [String] = [], timeout: Duration = .seconds(300)) throws -> String {
        let dir = runDirectory(name)
        let output = try MirrorSweepBinary.run(["run", specPath] + arguments + ["--workers", "2", "--run-dir", dir], timeout: timeout)
        #expect(output.succeeded, "\(name) run failed: \(output.stderr)")
        return try table(dir)
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes; returns whether it held.
    static func waitUntil(timeout: Duration, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    /// Waits up to `timeout` until `status` of `runDirectory` counts at least `count` trials in
    /// `state` (`done`, `running`, …); an issue when it never does.
    func expectTrials(
        _ state: String, atLeast count: Int, in runDirectory: String, within timeout: Duration,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let reached = Self.waitUntil(timeout: timeout) { (try? status(runDirectory))?[state] as? Int ?? 0 >= count }
        #expect(reached, "the sweep never had \(count) trials \(state)", sourceLocation: sourceLocation)
    }

    /// Starts `mirrorsweep serve` on a free loopback port and returns it with its endpoint.
    func serve(runDirectory: String, extra: [String] = []) throws -> (process: LaunchedProcess, endpoint: String) {
        let process = try MirrorSweepBinary.start(
            ["serve", specPath, "--bind", "tcp://127.0.0.1:*", "--run-dir", runDirectory] + extra)
        #expect(process.waitForOutput(containing: "listening on ", timeout: .seconds(30)), "serve did not start: \(process.stderrSoFar)")
        let line = try #require(process.stderrSoFar.split(separator: "\n").first { $0.hasPrefix("listening on ") })
        return (process, String(line.dropFirst("listening on ".count)))
    }

    /// Waits for `server`, this fixture's `mirrorsweep serve` into `runDirectory`, to end (within
    /// `timeout`), expecting it to succeed with `done` trials done; returns its output and the
    /// final status.
    @discardableResult
    func expectServed(
        _ server: LaunchedProcess, done: Int, in runDirectory: String, timeout: Duration = .seconds(300),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> (output: ProcessOutput, status: [String: Any]) {
        let output = try server.wait(timeout: timeout)
        #expect(output.succeeded, "serve failed: \(output.stderr)", sourceLocation: sourceLocation)
        let status = try self.status(runDirectory)
        #expect(status["done"] as? Int == done, sourceLocation: sourceLocation)
        return (output, status)
    }

    /// Starts `mirrorsweep work` against `endpoint`.
    func work(endpoint: String, id: String) throws -> LaunchedProcess {
        try MirrorSweepBinary.start(["work", "--connect", endpoint, "--worker-id", id])
    }
}
