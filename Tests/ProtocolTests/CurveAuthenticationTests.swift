import CZeroMQ
import Foundation
import Testing
@testable import Wire
@testable import ZeroMQ


/// A CURVE ROUTER on a free loopback port, guarded by a ZAP handler and a handshake monitor.
final class GuardedRouter {
    let context: ZMQContext
    let router: ZMQSocket
    let zap: ZAPHandler
    let monitor: HandshakeMonitor
    let server: CurveServerKeys
    let endpoint: String
    var messages: [[[UInt8]]] = []
    var decisions: [ZAPDecision] = []
    var failures: [HandshakeFailure] = []

    init(allowed: [String: CurveKeyPair]) throws {
        context = try ZMQContext()
        server = CurveServerKeys(
            keys: try CurveKeyPair.generate(),
            allowedClients: Dictionary(uniqueKeysWithValues: allowed.map { ($0.value.publicKey, $0.key) }))
        zap = try ZAPHandler(context: context, allowedClients: server.allowedClients)
        router = try ZMQSocket(context: context, type: .router)
        try router.makeCurveServer(server)
        monitor = try HandshakeMonitor(monitoring: router)
        try router.bind("tcp://127.0.0.1:*")
        endpoint = try router.lastEndpoint()
    }

    var port: Int { Int(endpoint.split(separator: ":").last ?? "") ?? 0 }

    /// Serves the router, the ZAP handler and the monitor until `done` holds; false when
    /// `patience` ran out first.
    func pump(until done: (GuardedRouter) -> Bool) throws -> Bool {
        let poller = ZMQPoller(sockets: [router, zap.socket, monitor.socket])
        let deadline = ContinuousClock.now + .milliseconds(patience)
        while !done(self) {
            guard ContinuousClock.now < deadline else { return false }
            let ready = try poller.poll(timeoutMilliseconds: 50)
            if ready.contains(0) { while let frames = try router.receive(dontWait: true) { messages.append(frames) } }
            if ready.contains(1) { decisions += try zap.answerPending() }
            if ready.contains(2) { failures += try monitor.pendingFailures() }
        }
        return true
    }

    /// Serves for `polls` rounds of 50 ms, to let anything in flight arrive.
    func settle(polls: Int = 10) throws {
        var count = 0
        _ = try pump { _ in
            count += 1
            return count > polls
        }
    }
}

/// A DEALER in a context of its own, optionally a CURVE client, connected to `endpoint`.
struct Client {
    let context: ZMQContext
    let dealer: ZMQSocket
    let monitor: HandshakeMonitor

    init(endpoint: String, curve: CurveClientKeys?) throws {
        context = try ZMQContext()
        dealer = try ZMQSocket(context: context, type: .dealer, lingerMilliseconds: 0)
        if let curve { try dealer.makeCurveClient(curve) }
        monitor = try HandshakeMonitor(monitoring: dealer)
        try dealer.connect(endpoint)
    }

    /// The client's failed handshakes: waits up to `patience` for the first, then takes what came.
    func failures() throws -> [HandshakeFailure] {
        var failures: [HandshakeFailure] = []
        let deadline = ContinuousClock.now + .milliseconds(patience)
        while failures.isEmpty && ContinuousClock.now < deadline {
            if let frames = try monitor.socket.receive(timeoutMilliseconds: 50), let failure = HandshakeMonitor.decode(frames) {
                failures.append(failure)
            }
        }
        return failures + (try monitor.pendingFailures())
    }
}

@Suite("CURVE authentication (ZAP) and encryption with real sockets", .serialized)
struct CurveAuthenticationTests {
    static let hello = Message.hello(workerID: "marker-worker-7f3a", version: protocolVersion, slots: 1, host: "h", pid: 1)

    @Test func aListedClientIsServedAndNamed() throws {
        let worker = try CurveKeyPair.generate()
        let server = try GuardedRouter(allowed: ["alice": worker])
        let client = try Client(endpoint: server.endpoint, curve: CurveClientKeys(serverPublicKey: server.server.keys.publicKey, keys: worker))
        try client.dealer.send([MessageCodec.encode(Self.hello)])
        #expect(try server.pump { !$0.messages.isEmpty })
        #expect(try MessageCodec.decode(server.messages[0][1]) == Self.hello)
        let decision = try #require(server.decisions.first)
        #expect(decision.accepted)
        #expect(decision.clientKey == worker.publicKey)
        #expect(decision.clientName == "alice")
        #expect(decision.mechanism == "CURVE")
        #expect(decision.address == "127.0.0.1")
    }

    @Test func anUnlistedClientGetsNothingAndIsReported() throws {
        let listed = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let server = try GuardedRouter(allowed: ["alice": listed])
        let client = try Client(endpoint: server.endpoint, curve: CurveClientKeys(serverPublicKey: server.server.keys.publicKey, keys: stranger))
        try client.dealer.send([MessageCodec.encode(Self.hello)], dontWait: true)
        #expect(try server.pump { !$0.decisions.isEmpty })
        try server.settle()
        #expect(server.messages.isEmpty)
        let decision = try #require(server.decisions.first)
        #expect(!decision.accepted)
        #expect(decision.clientKey == stranger.publicKey)
        #expect(decision.clientName == nil)
        #expect(decision.reason == "public key not in the allow-list")

        let clientFailures = try client.failures()
        #expect(clientFailures.first?.cause == .authentication(status: 400), "the client was not told: \(clientFailures)")
    }

    /// Both sides see the mechanism mismatch; the side that sees it first closes the connection,
    /// so the other may see only a broken connection.
    @Test func aClientWithoutCurveNeverReachesZAPAndTheFailureIsReported() throws {
        let server = try GuardedRouter(allowed: ["alice": try CurveKeyPair.generate()])
        let client = try Client(endpoint: server.endpoint, curve: nil)
        try client.dealer.send([MessageCodec.encode(Self.hello)], dontWait: true)
        #expect(try server.pump { !$0.failures.isEmpty })
        try server.settle()
        #expect(server.messages.isEmpty)
        #expect(server.decisions.isEmpty)
        let failure = try #require(server.failures.first)
        #expect(failure.endpoint == server.endpoint)
        #expect(failure.description.hasPrefix("handshake on \(server.endpoint) failed: "))
        if case .authentication = failure.cause { Issue.record("a client without CURVE reached authentication: \(failure)") }
        let clientFailures = try client.failures()
        #expect((server.failures + clientFailures).contains { $0.isMechanismMismatch },
                "no side saw the mismatch: \(server.failures) \(clientFailures)")
    }

    @Test func aClientWithTheWrongServerKeyIsRefused() throws {
        let worker = try CurveKeyPair.generate()
        let server = try GuardedRouter(allowed: ["alice": worker])
        let impostorServer = try CurveKeyPair.generate()
        let client = try Client(endpoint: server.endpoint, curve: CurveClientKeys(serverPublicKey: impostorServer.publicKey, keys: worker))
        try client.dealer.send([MessageCodec.encode(Self.hello)], dontWait: true)
        #expect(try server.pump { !$0.failures.isEmpty })
        try server.settle()
        #expect(server.messages.isEmpty)
        #expect(server.failures.first?.cause == .protocolError(code: UInt32(ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC)))
    }

    /// Through a recording TCP proxy: the JSON of a hello is on the wire without CURVE, and
    /// nowhere in the captured bytes with it.
    @Test(arguments: [false, true])
    func trafficIsEncryptedOnlyWithCurve(curve: Bool) throws {
        let worker = try CurveKeyPair.generate()
        let server = try GuardedRouter(allowed: ["alice": worker])
        let plain = try ZMQSocket(context: server.context, type: .router)
        try plain.bind("tcp://127.0.0.1:*")
        let target = curve ? server.port : Int(try plain.lastEndpoint().split(separator: ":").last ?? "") ?? 0
        let tap = try TCPTap(forwardingTo: target)
        defer { tap.stop() }
        let client = try Client(
            endpoint: "tcp://127.0.0.1:\(tap.port)",
            curve: curve ? CurveClientKeys(serverPublicKey: server.server.keys.publicKey, keys: worker) : nil)
        try client.dealer.send([MessageCodec.encode(Self.hello)])
        if curve {
            #expect(try server.pump { !$0.messages.isEmpty })
            #expect(try MessageCodec.decode(server.messages[0][1]) == Self.hello)
        } else {
            let frames = try #require(try plain.receive(timeoutMilliseconds: patience))
            #expect(try MessageCodec.decode(frames[1]) == Self.hello)
        }
        let wire = tap.captured
        let marker = Array("marker-worker-7f3a".utf8)
        let json = Array("\"type\"".utf8)
        #expect(!wire.isEmpty)
        #expect(Self.contains(wire, marker) == !curve)
        #expect(Self.contains(wire, json) == !curve)
    }

    @Test func theHandlerRefusesRequestsThatAreNotCurve() throws {
        let context = try ZMQContext()
        let key = try CurveKeyPair.generate()
        let zap = try ZAPHandler(context: context, allowedClients: [key.publicKey: "alice"])
        let null = zap.decide(["1.0", "1", "mirrorsweep", "10.0.0.2", "", "NULL"].map { Array($0.utf8) })
        #expect(!null.accepted)
        #expect(null.reason == "only CURVE clients are served")
        #expect(null.address == "10.0.0.2")
        let malformed = zap.decide([Array("1.0".utf8)])
        #expect(!malformed.accepted)
        #expect(throws: ZMQError.zmqFailure("bind \(ZAPHandler.endpoint)", errno: EADDRINUSE)) {
            try ZAPHandler(context: context, allowedClients: [:])
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
