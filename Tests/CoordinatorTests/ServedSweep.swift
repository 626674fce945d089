import Core
import Foundation
import Logging
import Scheduling
import Serving
import Testing
import Wire
import ZeroMQ

/// A real ``CoordinatorServer`` serving a spec on a loopback port, on its own thread, for tests
/// that speak the protocol to it over real sockets. ``stop()`` ends it and removes its files.
final class ServedSweep: @unchecked Sendable {
    let endpoint: String
    let context: ZMQContext
    private let directory: String
    private let stopSignal = StopSignal()
    private let ended = DispatchSemaphore(value: 0)

    /// Serves the spec `yaml` with heartbeats every 0.2 s and a liveness of 50 intervals.
    init(yaml: String) throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("mirrorsweep-served-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let specPath = (directory as NSString).appendingPathComponent("spec.yaml")
        try yaml.write(toFile: specPath, atomically: true, encoding: .utf8)
        let logger = Logger(label: "served-sweep")
        let prepared = try PreparedSweep.prepare(
            specPath: specPath, runDirectory: (directory as NSString).appendingPathComponent("run"),
            toolVersion: "test", command: "test", logger: logger)
        let options = CoordinatorOptions(
            bind: "tcp://127.0.0.1:*", scheduler: SchedulerConfiguration(heartbeatInterval: 0.2, heartbeatLiveness: 50),
            runID: "served")
        let server = try CoordinatorServer(journal: prepared.journal, pending: prepared.pending, options: options, logger: logger)
        endpoint = server.endpoint
        context = try ZMQContext()
        let box = ServerBox(server: server, stop: stopSignal, ended: ended)
        Thread.detachNewThread { box.run() }
    }

    /// Stops the server, waits for its thread to end and removes the run directory.
    func stop() {
        stopSignal.raise()
        ended.wait()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A DEALER connected to the server with routing id `routingID`.
    func connect(routingID: String) throws -> ZMQSocket {
        let socket = try ZMQSocket(context: context, type: .dealer)
        try socket.set(.routingID(Array(routingID.utf8)))
        try socket.connect(endpoint)
        return socket
    }

    /// Says hello as `workerID` with `slots` on `socket` and returns the answer (`welcome` or `refuse`).
    func hello(_ socket: ZMQSocket, workerID: String, slots: Int = 1) throws -> Message {
        try socket.send(message: .hello(workerID: workerID, version: protocolVersion, slots: slots, host: "test", pid: 1))
        return try socket.next()
    }

    private final class ServerBox: @unchecked Sendable {
        let server: CoordinatorServer
        let stop: StopSignal
        let ended: DispatchSemaphore

        init(server: CoordinatorServer, stop: StopSignal, ended: DispatchSemaphore) {
            self.server = server
            self.stop = stop
            self.ended = ended
        }

        func run() {
            _ = try? server.run(stop: stop) { _ in }
            ended.signal()
        }
    }
}

extension ZMQSocket {
    /// Sends one message as one frame.
    func send(message: Message) throws {
        _ = try send([MessageCodec.encode(message)])
    }

    /// The next message that is not a heartbeat, waiting up to 30 s for it.
    func next() throws -> Message {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard let frames = try receive(timeoutMilliseconds: 500) else { continue }
            let message = try MessageCodec.decode(try #require(frames.last))
            if message != .heartbeat { return message }
        }
        throw ServedSweepTimeout()
    }
}

/// No message came within the test's patience.
struct ServedSweepTimeout: Error {}
