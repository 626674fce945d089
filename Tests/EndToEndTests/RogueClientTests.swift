import Core
import Foundation
import SweepSpecs
import Testing
import Wire
import ZeroMQ

/// Rogue clients on a real `mirrorsweep serve` while honest `mirrorsweep work` processes run the
/// sweep: garbage, oversized and out-of-order messages, results for trials never given, refused
/// versions and a stolen worker id are logged and ignored, and the table is a clean run's.
@Suite("Rogue clients with real processes", .serialized)
struct RogueClientTests {
    /// 16 trials, all leased by two `TrialHolder`s until the test hands them back, so that the
    /// sweep outlasts the rogues and the thief finds work however fast the honest workers are.
    static let spec = regressionSweepSpec(name: "rogue", steps: 20000, weightDecays: ["0", "0.05"], schedules: ["constant", "off-at:2000"], seeds: 4)

    @Test("rogue clients are logged and ignored; honest workers finish with a clean run's table")
    func rogueClientsAreIgnored() throws {
        let fixture = try SweepFixture(name: "rogue", yaml: Self.spec)
        let trialIDs = try SweepSpec.load(path: fixture.specPath).expand().map(\.id)
        let dir = fixture.runDirectory("run")
        let (server, endpoint) = try fixture.serve(
            runDirectory: dir, extra: SweepEndToEndTests.fastHeartbeat + ["--log-level", "debug"])
        let context = try ZMQContext()
        let lastTrial = TrialHolder(context: context, endpoint: endpoint, name: "holder-last")
        try #require(lastTrial.waitUntilHolding(1), "a holder leased no trial: \(lastTrial.failure ?? "timed out")")
        let otherTrials = TrialHolder(context: context, endpoint: endpoint, name: "holder-rest", slots: trialIDs.count - 1)
        try #require(otherTrials.waitUntilHolding(trialIDs.count - 1), "a holder leased too few trials: \(otherTrials.failure ?? "timed out")")
        var honest = [try fixture.work(endpoint: endpoint, id: "honest-1")]
        #expect(server.waitForOutput(containing: "worker honest-1 joined", timeout: .seconds(30)), "honest-1 never joined")
        var expectedLog: [String] = []

        let anonymous = try RogueClient(context: context, endpoint: endpoint, name: "rogue-anonymous")
        var random = Xoshiro256StarStar(seed: 5)
        for _ in 0..<20 {
            try anonymous.send(frames: [(0..<(1 + random.nextInt(below: 512))).map { _ in UInt8(truncatingIfNeeded: random.next()) }])
        }
        try anonymous.send(frames: [[]])
        try anonymous.send(frames: [Array("{\"v\":1,\"type\":\"result\"".utf8), [0xFF, 0x00]])
        expectedLog += ["dropped an undecodable message from rogue-anonymous", "dropped a message of 3 frames (expected 2)"]
        let outOfOrder: [Message] = [
            .result(trialID: trialIDs[0], attempt: 1, result: fabricatedResult()),
            .failure(trialID: trialIDs[1], attempt: 1, message: "rogue"),
            .progress(trialID: trialIDs[2], attempt: 1, step: 1, totalSteps: 2, metrics: ["train_loss": 1e9]),
            .ack(trialID: trialIDs[3]), .workRequest(credit: 5), .heartbeat, .bye(reason: "rogue"),
            .welcome(heartbeatInterval: 0.01, heartbeatLiveness: 1, runID: "rogue"),
            .assignment(trialID: trialIDs[4], attempt: 1, seed: 0, work: .core(TrialConfig())),
            .refuse(reason: "rogue"), .shutdown(reason: "rogue"),
        ]
        for message in outOfOrder {
            try anonymous.send(message)
            expectedLog.append("dropped a \(message.type.rawValue) message from rogue-anonymous, which has not said hello")
        }
        #expect(try anonymous.receive(timeoutMilliseconds: 500) == nil, "the coordinator answered a client that never said hello")

        let oversized = try RogueClient(context: context, endpoint: endpoint, name: "rogue-oversized")
        try oversized.send(frames: [Array(repeating: UInt8(ascii: " "), count: MessageCodec.defaultMaxMessageSize + 1)])
        let servedAfterOversize = SweepFixture.waitUntil(timeout: .seconds(30)) {
            try? oversized.send(.heartbeat)
            return server.stderrSoFar.contains("dropped a heartbeat message from rogue-oversized")
        }
        #expect(servedAfterOversize, "no message of the oversized client's next connection was handled")

        let oldVersion = try RogueClient(context: context, endpoint: endpoint, name: "rogue-version")
        try oldVersion.send(.hello(workerID: "rogue-version", version: 2, slots: 1, host: "rogue", pid: 1))
        #expect(try oldVersion.receive(until: .refuse, timeout: .seconds(10)).last?.type == .refuse)
        try oldVersion.send(frames: [Array(#"{"v":99,"type":"hello","worker_id":"rogue-version"}"#.utf8)])
        #expect(try oldVersion.receive(until: .refuse, timeout: .seconds(10)).last?.type == .refuse)
        expectedLog += ["refused worker rogue-version: it speaks protocol version 2",
                        "refused rogue-version: it speaks protocol version 99"]

        let stranger = try RogueClient(context: context, endpoint: endpoint, name: "rogue-stranger")
        try stranger.send(.hello(workerID: "rogue-stranger", version: protocolVersion, slots: 1, host: "rogue", pid: 1))
        #expect(try stranger.receive(until: .welcome, timeout: .seconds(10)).last?.type == .welcome)
        for message in outOfOrder where [.welcome, .assignment, .refuse, .ack, .shutdown].contains(message.type) {
            try stranger.send(message)
            expectedLog.append("dropped an unexpected \(message.type.rawValue) message from worker rogue-stranger")
        }
        let randomIDs = (0..<5).map { _ in String(random.next(), radix: 16) }
        for trialID in randomIDs + trialIDs {
            for attempt in 1...2 {
                try stranger.send(.result(trialID: trialID, attempt: attempt, result: fabricatedResult()))
                try stranger.send(.failure(trialID: trialID, attempt: attempt, message: "rogue"))
                expectedLog += [
                    "ignored a result for trial \(trialID) attempt \(attempt) from worker rogue-stranger: never leased to it",
                    "ignored a failure of trial \(trialID) attempt \(attempt) from worker rogue-stranger: never leased to it",
                ]
            }
        }
        try stranger.send(.bye(reason: "rogue"))

        let thief = try RogueClient(context: context, endpoint: endpoint, name: "rogue-thief")
        try thief.send(.hello(workerID: "honest-1", version: protocolVersion, slots: 2, host: "rogue", pid: 1))
        #expect(try thief.receive(until: .welcome, timeout: .seconds(10)).last?.type == .welcome)
        expectedLog.append("worker honest-1 said hello on a new connection rogue-thief")
        otherTrials.release()
        try thief.send(.workRequest(credit: 2))
        var stolen: [(trialID: String, attempt: Int)] = []
        for message in try thief.receive(until: .assignment, timeout: .seconds(10)) {
            if case let .assignment(trialID, attempt, _, _) = message { stolen.append((trialID, attempt)) }
        }
        #expect(!stolen.isEmpty, "the thief got no assignment while the sweep was running")
        honest.append(try fixture.work(endpoint: endpoint, id: "honest-2"))
        let honestBack = SweepFixture.waitUntil(timeout: .seconds(30)) {
            server.stderrSoFar.components(separatedBy: "worker honest-1 joined").count > 3
        }
        #expect(honestBack, "honest-1 never said hello again after its id was taken")
        for (trialID, attempt) in stolen {
            try thief.send(.result(trialID: trialID, attempt: attempt, result: fabricatedResult()))
        }
        expectedLog.append("dropped a result message from rogue-thief, which has not said hello")
        let status = try fixture.status(dir)
        #expect(status["done"] as? Int ?? 16 < 16, "the sweep ended before the rogues were done: \(status)")
        lastTrial.release()

        let (output, final) = try fixture.expectServed(server, done: 16, in: dir)
        for line in expectedLog {
            #expect(output.stderr.contains(line), "the log does not name a dropped message: \(line)")
        }
        #expect(final["failed"] as? Int == 0)
        for worker in honest {
            let exit = try worker.wait(timeout: .seconds(30))
            #expect(exit.succeeded, "an honest worker failed: \(exit.stderr)")
        }
        #expect(try fixture.table(dir) == fixture.localTable("clean"), "the table differs from a clean run's")
    }
}
