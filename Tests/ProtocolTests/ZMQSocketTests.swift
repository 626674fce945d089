import CZeroMQ
import Foundation
import Testing
@testable import Wire
@testable import ZeroMQ


/// Long enough for loopback delivery on a loaded machine; only a failing test ever waits this long.
let patience = 10_000

/// A ROUTER bound on a free loopback port and a DEALER connected to it.
struct RouterDealerPair {
    let context: ZMQContext
    let router: ZMQSocket
    let dealer: ZMQSocket
    let endpoint: String

    init(dealerID: String = "worker-1") throws {
        context = try ZMQContext()
        router = try ZMQSocket(context: context, type: .router)
        try router.set(.routerMandatory(true))
        try router.bind("tcp://127.0.0.1:*")
        endpoint = try router.lastEndpoint()
        dealer = try ZMQSocket(context: context, type: .dealer)
        try dealer.set(.routingID(Array(dealerID.utf8)))
        try dealer.connect(endpoint)
    }
}

@Suite struct ZMQSocketTests {
    @Test func lastEndpointResolvesTheWildcardPort() throws {
        let pair = try RouterDealerPair()
        #expect(pair.endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = try #require(Int(pair.endpoint.split(separator: ":").last ?? ""))
        #expect(port > 0)
    }

    @Test func helloAndWelcomeTravelBetweenDealerAndRouter() throws {
        let pair = try RouterDealerPair(dealerID: "w-7")
        let hello = Message.hello(workerID: "w-7", version: protocolVersion, slots: 2, host: "localhost", pid: getpid())
        #expect(try pair.dealer.send([MessageCodec.encode(hello)]))

        let received = try #require(try pair.router.receive(timeoutMilliseconds: patience))
        #expect(received.count == 2)
        #expect(received[0] == Array("w-7".utf8))
        #expect(try MessageCodec.decode(received[1]) == hello)

        let welcome = Message.welcome(heartbeatInterval: 1, heartbeatLiveness: 5, runID: "r1")
        #expect(try pair.router.send([received[0], MessageCodec.encode(welcome)]))
        let reply = try #require(try pair.dealer.receive(timeoutMilliseconds: patience))
        #expect(reply.count == 1)
        #expect(try MessageCodec.decode(reply[0]) == welcome)
    }

    @Test func multipartFramesArriveTogetherAndInOrder() throws {
        let pair = try RouterDealerPair()
        let frames: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 0xAB, count: 100_000)]
        #expect(try pair.dealer.send(frames))
        let received = try #require(try pair.router.receive(timeoutMilliseconds: patience))
        #expect(received == [Array("worker-1".utf8)] + frames)

        #expect(try pair.router.send([Data("worker-1".utf8), Data([9]), Data([8, 7])]))
        #expect(try pair.dealer.receive(timeoutMilliseconds: patience) == [[9], [8, 7]])
    }

    @Test func routerMandatoryRefusesAnUnknownPeer() throws {
        let pair = try RouterDealerPair()
        #expect(throws: ZMQError.zmqFailure("send frame 1 of 2", errno: EHOSTUNREACH)) {
            try pair.router.send([Array("nobody".utf8), MessageCodec.encode(.heartbeat)])
        }
    }

    @Test func receiveWithoutWaitingReturnsNilWhenNothingIsQueued() throws {
        let pair = try RouterDealerPair()
        #expect(try pair.router.receive(dontWait: true) == nil)
        #expect(try pair.dealer.receive(timeoutMilliseconds: 0) == nil)
    }

    @Test func receiveTimeoutOptionEndsABlockingReceive() throws {
        let pair = try RouterDealerPair()
        try pair.dealer.set(.receiveTimeout(milliseconds: 10))
        #expect(try pair.dealer.receive() == nil)
    }

    @Test func pollerTimeoutReturnsNothing() throws {
        let pair = try RouterDealerPair()
        let poller = ZMQPoller(sockets: [pair.router, pair.dealer])
        #expect(try poller.poll(timeoutMilliseconds: 10) == [])
    }

    @Test func pollerReportsTheReadableSocket() throws {
        let pair = try RouterDealerPair()
        let poller = ZMQPoller(sockets: [pair.dealer, pair.router])
        try pair.dealer.send([MessageCodec.encode(.heartbeat)])
        #expect(try poller.poll(timeoutMilliseconds: patience) == [1])
    }

    @Test func bindingAPortInUseReportsTheErrno() throws {
        let pair = try RouterDealerPair()
        let other = try ZMQSocket(context: pair.context, type: .router)
        #expect(throws: ZMQError.zmqFailure("bind \(pair.endpoint)", errno: EADDRINUSE)) {
            try other.bind(pair.endpoint)
        }
        let error = ZMQError.zmqFailure("bind \(pair.endpoint)", errno: EADDRINUSE)
        #expect(error.description == "bind \(pair.endpoint): Address already in use (errno \(EADDRINUSE))")
    }

    @Test func unbindAndDisconnectForgetTheirEndpoint() throws {
        let pair = try RouterDealerPair()
        try pair.router.unbind(pair.endpoint)
        #expect(throws: ZMQError.zmqFailure("unbind \(pair.endpoint)", errno: ENOENT)) { try pair.router.unbind(pair.endpoint) }
        try pair.dealer.disconnect(pair.endpoint)
        #expect(throws: ZMQError.zmqFailure("disconnect \(pair.endpoint)", errno: ENOENT)) {
            try pair.dealer.disconnect(pair.endpoint)
        }
    }

    @Test func aClosedSocketRefusesEveryCall() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .dealer)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        #expect(throws: ZMQError.zmqFailure("connect tcp://127.0.0.1:1", errno: ENOTSOCK)) {
            try socket.connect("tcp://127.0.0.1:1")
        }
        #expect(throws: ZMQError.zmqFailure("receive", errno: ENOTSOCK)) { try socket.receive(dontWait: true) }
    }

    @Test func invalidOptionValuesAreRefused() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .dealer)
        #expect(throws: ZMQError.zmqFailure("setsockopt ZMQ_ROUTING_ID", errno: EINVAL)) {
            try socket.set(.routingID([]))
        }
        #expect(throws: ZMQError.zmqFailure("setsockopt ZMQ_SNDHWM", errno: EINVAL)) {
            try socket.set(.sendHighWaterMark(Int(Int32.max) + 1))
        }
    }

    @Test func everyOptionIsAccepted() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context: context, type: .router)
        let keys = try CurveKeyPair.generate()
        let options: [ZMQSocketOption] = [
            .linger(milliseconds: 0), .routerMandatory(true), .routingID([1, 2]), .maxMessageSize(bytes: 1 << 24),
            .sendHighWaterMark(1000), .receiveHighWaterMark(1000), .heartbeatInterval(milliseconds: 1000),
            .heartbeatTTL(milliseconds: 5000), .heartbeatTimeout(milliseconds: 5000), .reconnectInterval(milliseconds: 100),
            .reconnectIntervalMax(milliseconds: 2000), .immediate(true), .receiveTimeout(milliseconds: 10),
            .sendTimeout(milliseconds: 10), .curveServer(true), .curvePublicKey(keys.publicKey),
            .curveSecretKey(keys.secretKey), .curveServerKey(keys.publicKey), .zapDomain("mirrorsweep"),
        ]
        for option in options {
            try router.set(option)
        }
    }

    @Test func socketTypesOpen() throws {
        let context = try ZMQContext()
        for type in ZMQSocketType.allCases {
            let socket = try ZMQSocket(context: context, type: type)
            #expect(socket.type == type)
        }
    }

    @Test func contextShutdownWakesABlockedReceive() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .pair)
        try socket.bind("inproc://shutdown-test")
        Thread.detachNewThread { [context] in
            Thread.sleep(forTimeInterval: 0.05)
            context.shutdown()
        }
        #expect(throws: ZMQError.zmqFailure("receive frame 1", errno: ETERM)) { try socket.receive() }
    }
}

@Suite struct CurveTests {
    @Test func keyPairsAreFortyCharacterZ85() throws {
        let z85 = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#")
        let a = try CurveKeyPair.generate()
        let b = try CurveKeyPair.generate()
        for key in [a.publicKey, a.secretKey, b.publicKey, b.secretKey] {
            #expect(key.count == 40)
            #expect(key.allSatisfy { z85.contains($0) })
        }
        #expect(a != b)
    }

    @Test func curveEncryptedExchangeWorks() throws {
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let context = try ZMQContext()
        let router = try ZMQSocket(context: context, type: .router)
        try router.set(.curveServer(true))
        try router.set(.curveSecretKey(server.secretKey))
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ZMQSocket(context: context, type: .dealer)
        try dealer.set(.curveServerKey(server.publicKey))
        try dealer.set(.curvePublicKey(client.publicKey))
        try dealer.set(.curveSecretKey(client.secretKey))
        try dealer.connect(router.lastEndpoint())
        try dealer.send([MessageCodec.encode(.workRequest(credit: 1))])
        let frames = try #require(try router.receive(timeoutMilliseconds: patience))
        #expect(try MessageCodec.decode(frames[1]) == .workRequest(credit: 1))
    }
}
