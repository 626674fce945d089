import Foundation
import Testing

/// A coordinator host and a worker host in network namespaces, and the link between them cut.
@Suite("Network partitions between hosts", .serialized)
struct NetworkPartitionTests {
    /// 40 trials of about 0.25 s each in a debug build.
    static let spec = regressionSweepSpec(name: "partition", steps: 15000, weightDecays: ["0", "0.01", "0.05", "0.1"], schedules: ["constant", "off-at:5000"], seeds: 5)

    /// The link is cut when the journal holds these fractions of the trials.
    static let cutsAt = [0.25, 0.6]

    static func occurrences(of text: String, in log: String) -> Int {
        log.split(separator: "\n").filter { $0.contains(text) }.count
    }

    @Test("the link is cut until both sides declare the other dead, then restored, twice: the sweep completes with the clean run's table byte for byte",
          .enabled(if: NetworkNamespaces.available, "needs root, iproute2 and permission to create network namespaces (CI runs as root)"))
    func partitionsHeal() throws {
        let fixture = try SweepFixture(name: "partition", yaml: Self.spec)
        let clean = try CleanRun(fixture)
        let hosts = try NetworkNamespaces()
        defer { hosts.remove() }
        let directory = fixture.runDirectory("partitioned")
        let endpoint = "tcp://\(hosts.coordinatorAddress):5555"
        let server = try MirrorSweepBinary.start(
            ["serve", fixture.specPath, "--bind", endpoint, "--insecure-open", "--run-dir", directory, "--no-table",
             "--heartbeat-interval", "0.2", "--heartbeat-liveness", "5", "--log-level", "debug"],
            wrapper: hosts.wrapper(for: hosts.coordinatorHost))
        try #require(server.waitForOutput(containing: "listening on ", timeout: .seconds(120)), "serve did not start: \(server.stderrSoFar)")
        let workers = try (0..<2).map {
            try MirrorSweepBinary.start(["work", "--connect", endpoint, "--worker-id", "far\($0)"], wrapper: hosts.wrapper(for: hosts.workerHost))
        }

        var longest = Duration.zero
        for (number, fraction) in Self.cutsAt.enumerated() {
            let target = Int(fraction * Double(clean.results.count))
            let reached = SweepFixture.waitUntil(timeout: .seconds(300)) { JournalRows.counts(runDirectory: directory)?.done ?? 0 >= target }
            try #require(reached, "the sweep never reached \(target) trials done: \(server.stderrSoFar)")
            let deadBefore = Self.occurrences(of: "declared dead", in: server.stderrSoFar)
            let sessionsBefore = workers.map { Self.occurrences(of: "starting a new session", in: $0.stderrSoFar) }
            let cutAt = ContinuousClock.now
            try hosts.cut()
            let bothSidesGaveUp = SweepFixture.waitUntil(timeout: .seconds(120)) {
                Self.occurrences(of: "declared dead", in: server.stderrSoFar) >= deadBefore + workers.count
                    && zip(workers, sessionsBefore).allSatisfy { Self.occurrences(of: "starting a new session", in: $0.stderrSoFar) > $1 }
            }
            try hosts.restore()
            longest = max(longest, ContinuousClock.now - cutAt)
            #expect(bothSidesGaveUp, "partition \(number + 1): the heartbeat liveness did not expire on both sides")
            #expect(server.isRunning, "partition \(number + 1) came after the sweep ended: \(server.stderrSoFar)")
        }

        let output = try server.wait(timeout: .seconds(600))
        #expect(output.succeeded, "serve failed: \(output.stderr)")
        for (number, worker) in workers.enumerated() {
            #expect(Self.occurrences(of: "worker far\(number) joined", in: output.stderr) > Self.cutsAt.count,
                    "worker far\(number) did not rejoin after every partition: \(output.stderr)")
            let exit = try worker.wait(timeout: .seconds(60))
            #expect(exit.succeeded, "worker far\(number) was not shut down by the coordinator: \(exit.stderr)")
        }
        let checked = try clean.expectSame(directory, of: fixture, replay: "partition test")
        print("partition: \(Self.cutsAt.count) partitions, each until both sides declared the other dead (longest \(longest)); \(checked) trials checked")
    }
}
