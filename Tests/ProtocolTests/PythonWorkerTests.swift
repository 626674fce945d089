import Core
import Foundation
import Testing
@testable import Wire
@testable import ZeroMQ


/// Runs the Python worker of docs/PROTOCOL.md against a Swift ROUTER: proves the document suffices.
@Suite struct PythonWorkerTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples/python_worker.py")

    /// Whether `python3` with pyzmq is installed; the test is skipped otherwise.
    static let pyzmqAvailable: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import zmq"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// The next message that is not a heartbeat, with the sender's routing id.
    func next(from router: ZMQSocket) throws -> (peer: [UInt8], message: Message) {
        while true {
            let frames = try #require(try router.receive(timeoutMilliseconds: patience), "the Python worker went silent")
            try #require(frames.count == 2)
            let message = try MessageCodec.decode(frames[1])
            if message != .heartbeat { return (frames[0], message) }
        }
    }

    /// Starts the worker against a fresh ROUTER, checks its hello and answers it with `reply`.
    func startWorker(reply: Message) throws -> (router: ZMQSocket, worker: Process, peer: [UInt8]) {
        let context = try ZMQContext()
        let router = try ZMQSocket(context: context, type: .router)
        try router.set(.routerMandatory(true))
        try router.bind("tcp://127.0.0.1:*")
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        worker.arguments = ["python3", Self.script.path, try router.lastEndpoint()]
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        do {
            let (peer, hello) = try next(from: router)
            let fields: (String, Int, Int, Int32)? =
                if case let .hello(id, version, slots, _, pid) = hello { (id, version, slots, pid) } else { nil }
            let (workerID, version, slots, pid) = try #require(fields, "expected hello, got \(hello)")
            #expect(version == protocolVersion)
            #expect(slots == 1)
            #expect(pid == worker.processIdentifier)
            #expect(peer == Array(workerID.utf8))
            try router.send([peer, MessageCodec.encode(reply)])
            return (router, worker, peer)
        } catch {
            worker.terminate()
            throw error
        }
    }

    @Test(.enabled(if: pyzmqAvailable, "needs python3 with pyzmq"))
    func pythonWorkerRunsANoopTrial() throws {
        let (router, worker, peer) = try startWorker(
            reply: .welcome(heartbeatInterval: 0.2, heartbeatLiveness: 50, runID: "py"))
        defer { if worker.isRunning { worker.terminate() } }
        #expect(try next(from: router).message == .workRequest(credit: 1))

        var config = TrialConfig()
        config.problem = .noop
        let seed: UInt64 = 12_345_678_901_234_567_890
        try router.send([peer, MessageCodec.encode(.assignment(trialID: "abc123", attempt: 1, seed: seed, work: .core(config)))])
        let reply = try next(from: router).message
        guard case let .result(trialID, attempt, result) = reply else {
            Issue.record("expected result, got \(reply)")
            return
        }
        #expect(trialID == "abc123")
        #expect(attempt == 1)
        let expected = try runTrial(config, seed: seed)
        #expect(result.status == expected.status)
        #expect(result.steps == expected.steps)
        #expect(result.metrics == expected.metrics)
        #expect(result.x == expected.x)
        #expect(try next(from: router).message == .workRequest(credit: 1))

        try router.send([peer, MessageCodec.encode(.ack(trialID: "abc123"))])
        try router.send([peer, MessageCodec.encode(.shutdown(reason: "no work left"))])
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
    }
}

extension PythonWorkerTests {
    @Test(.enabled(if: pyzmqAvailable, "needs python3 with pyzmq"))
    func pythonWorkerExitsWhenRefused() throws {
        let (_, worker, _) = try startWorker(reply: .refuse(reason: "protocol version 1 is not supported"))
        worker.waitUntilExit()
        #expect(worker.terminationStatus != 0)
    }

    @Test(.enabled(if: pyzmqAvailable, "needs python3 with pyzmq"))
    func pythonWorkerSaysByeOnSIGTERM() throws {
        let (router, worker, _) = try startWorker(
            reply: .welcome(heartbeatInterval: 0.1, heartbeatLiveness: 100, runID: "py"))
        defer { if worker.isRunning { worker.terminate() } }
        #expect(try next(from: router).message == .workRequest(credit: 1))
        worker.terminate()
        #expect(try next(from: router).message == .bye(reason: "SIGTERM"))
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
    }
}
