import Core
import Foundation
import Logging
import Testing
import Wire
import Worker
import ZeroMQ

/// A real worker loop on its own thread against a ROUTER socket driven by the test.
@Suite("Worker loop against a scripted coordinator")
struct WorkerLoopTests {
    /// Receives the next message from the worker (skipping heartbeats and holding lists), within `seconds`.
    func next(_ router: ZMQSocket, seconds: Double = 30) throws -> (route: [UInt8], message: Message)? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let frames = try router.receive(timeoutMilliseconds: 100) else { continue }
            let message = try MessageCodec.decode(frames[1])
            if case .holding = message { continue }
            if message != .heartbeat { return (frames[0], message) }
        }
        return nil
    }

    /// The trial ids of the next holding list from the worker, within `seconds`.
    func nextHolding(_ router: ZMQSocket, seconds: Double = 30) throws -> [String]? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let frames = try router.receive(timeoutMilliseconds: 100) else { continue }
            if case let .holding(trialIDs) = try MessageCodec.decode(frames[1]) { return trialIDs }
        }
        return nil
    }

    /// Receives the worker's hello and answers it with a welcome; returns the hello.
    func welcome(
        _ router: ZMQSocket, heartbeatInterval: Double = 0.2, heartbeatLiveness: Int = 500
    ) throws -> (route: [UInt8], message: Message) {
        let hello = try #require(try next(router))
        try router.send(.welcome(heartbeatInterval: heartbeatInterval, heartbeatLiveness: heartbeatLiveness, runID: "test"), to: hello.route)
        return hello
    }

    /// Reads the worker's messages until a result arrives: the steps of the progress reports on
    /// the way, each report passed to `progress` first, and the result (nil when none came while
    /// ``next(_:seconds:)`` waited). Messages of neither kind go to `other`.
    func collectResult(
        _ router: ZMQSocket,
        progress: (_ trialID: String, _ attempt: Int, _ totalSteps: Int, _ metrics: [String: Double]) -> Void = { _, _, _, _ in },
        other: (Message) -> Void = { _ in }
    ) throws -> (steps: [Int], result: (trialID: String, attempt: Int, value: TrialResult)?) {
        var steps: [Int] = []
        while let reply = try next(router) {
            switch reply.message {
            case let .progress(trialID, attempt, step, totalSteps, metrics):
                progress(trialID, attempt, totalSteps, metrics)
                steps.append(step)
            case let .result(trialID, attempt, value):
                return (steps, (trialID, attempt, value))
            default:
                other(reply.message)
            }
        }
        return (steps, nil)
    }

    @Test("every heartbeat interval the worker lists what it holds: assigned, then reported but unacked, then nothing")
    func holdingLists() throws {
        let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, slots: 1, workerID: "lister", progressInterval: 0) }
        defer { worker.stopAndWait() }
        let router = worker.router
        let hello = try welcome(router, heartbeatInterval: 0.1, heartbeatLiveness: 100)
        var config = TrialConfig()
        config.steps = 200
        try router.send(.assignment(trialID: "t1", attempt: 1, seed: 3, work: .core(config)), to: hello.route)
        #expect(try collectResult(router).result != nil)
        #expect(try nextHolding(router) == ["t1"], "a result not yet acked is still held")
        try router.send(.ack(trialID: "t1"), to: hello.route)
        var lists: [[String]] = []
        for _ in 0..<5 { lists.append(try #require(try nextHolding(router))) }
        #expect(lists.last == [], "after the ack the worker holds nothing: \(lists)")
    }

    @Test("hello, credit, progress while training, the result, then a clean exit on shutdown")
    func session() throws {
        let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, slots: 1, workerID: "tester", progressInterval: 0) }
        let router = worker.router

        let hello = try welcome(router)
        guard case let .hello(workerID, version, slots, _, pid) = hello.message else {
            Issue.record("expected hello, got \(hello.message)")
            return
        }
        #expect(workerID == "tester" && version == protocolVersion && slots == 1 && pid == getpid())
        let request = try #require(try next(router))
        guard case let .workRequest(credit) = request.message else {
            Issue.record("expected a work request, got \(request.message)")
            return
        }
        #expect(credit >= 1)

        var config = TrialConfig()
        config.steps = 4000
        config.weightDecay = 0.05
        config.curvePoints = 20
        try router.send(.assignment(trialID: "t1", attempt: 1, seed: 7, work: .core(config)), to: hello.route)
        let (steps, result) = try collectResult(router) { trialID, attempt, totalSteps, metrics in
            #expect(trialID == "t1" && attempt == 1 && totalSteps == 4000 && metrics["train_loss"] != nil)
        } other: { message in
            if case .workRequest = message { return }
            Issue.record("unexpected \(message)")
        }
        if let result { #expect(result.trialID == "t1" && result.attempt == 1) }
        #expect(!steps.isEmpty, "no progress was reported")
        #expect(steps == steps.sorted())
        let alone = try runTrial(config, seed: 7)
        #expect(result?.value.x == alone.x)
        #expect(result?.value.metrics == alone.metrics)

        try router.send(.ack(trialID: "t1"), to: hello.route)
        try router.send(.shutdown(reason: "done"), to: hello.route)
        let outcome = worker.exit.wait(seconds: 30)
        guard case let .success(how)? = outcome else {
            Issue.record("the worker did not exit cleanly: \(String(describing: outcome))")
            return
        }
        #expect(how == .shutdown(reason: "done"))
    }

    @Test("a refused worker stops with the coordinator's reason")
    func refused() throws {
        let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, workerID: "refused") }
        let router = worker.router
        let hello = try #require(try next(router))
        try router.send(.refuse(reason: "version 9 is not supported"), to: hello.route)
        let outcome = worker.exit.wait(seconds: 30)
        guard case let .failure(error)? = outcome, case let .refused(reason) = error as? WorkerError else {
            Issue.record("expected a refusal, got \(String(describing: outcome))")
            return
        }
        #expect(reason == "version 9 is not supported")
    }
}

/// Hands a worker thread's outcome to the test thread.
final class WorkerExitBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<WorkerExit, any Error>?

    func set(_ value: Result<WorkerExit, any Error>) {
        condition.lock()
        outcome = value
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome, or nil when the worker did not finish within `seconds`.
    func wait(seconds: Double) -> Result<WorkerExit, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while outcome == nil && condition.wait(until: deadline) {}
        return outcome
    }
}
