import Foundation
import Launchers
import Testing

/// A worker started before its coordinator says that it waits, and says so again, until the
/// coordinator comes up and lets it in.
@Suite("A worker waiting for its coordinator")
struct WorkerWaitingTests {
    @Test("`work` logs 'waiting for the coordinator at …' with its attempts, then 'connected to the coordinator at …' and works")
    func waitsThenConnects() throws {
        let fixture = try SweepFixture(name: "late", yaml: "name: late\nbase: {problem: noop}\ngrid:\n  steps: [1, 2, 3]\n")
        let endpoint = "tcp://127.0.0.1:\(try HostAddress.freePort(on: "127.0.0.1"))"
        let worker = try MirrorSweepBinary.start(["work", "--connect", endpoint, "--worker-id", "early"])
        #expect(worker.waitForOutput(containing: "waiting for the coordinator at \(endpoint) (attempt 5, next in 1.6 s)", timeout: .seconds(30)),
                "no first waiting line: \(worker.stderrSoFar)")
        #expect(worker.waitForOutput(containing: "waiting for the coordinator at \(endpoint) (attempt 7, next in 5 s)", timeout: .seconds(30)),
                "no second waiting line: \(worker.stderrSoFar)")
        #expect(!worker.stderrSoFar.contains("attempt 6"), "a waiting line between the growing intervals: \(worker.stderrSoFar)")

        let dir = fixture.runDirectory("run")
        let server = try MirrorSweepBinary.start(["serve", fixture.specPath, "--bind", endpoint, "--run-dir", dir])
        #expect(worker.waitForOutput(containing: "connected to the coordinator at \(endpoint); joined run", timeout: .seconds(30)),
                "never connected: \(worker.stderrSoFar)")
        try fixture.expectServed(server, done: 3, in: dir, timeout: .seconds(60))
        let ended = try worker.wait(timeout: .seconds(30))
        #expect(ended.succeeded, "the worker failed: \(ended.stderr)")
    }
}
