/// A ZeroMQ authentication (ZAP, RFC 27) handler that lets in only CURVE clients on an allow-list.
///
/// It binds a REP socket on `inproc://zeromq.zap.01` in the context of the sockets it guards;
/// libzmq then asks it about every handshake of a socket with a ZAP domain. Bind it before the
/// guarded socket binds, keep it open as long as that socket, and answer from the thread that
/// owns it (poll ``socket`` and call ``answerPending()``): a handshake waits for its answer.
public final class ZAPHandler {
    /// The endpoint libzmq sends ZAP requests to.
    public static let endpoint = "inproc://zeromq.zap.01"
    /// The ZAP domain MirrorSweep's coordinator sets on its socket.
    public static let domain = "mirrorsweep"

    /// The REP socket receiving requests; poll it for input.
    public let socket: ZMQSocket
    /// Allowed client public keys (Z85) with their names.
    public let allowedClients: [String: String]

    /// Binds the handler in `context`; fails with `EADDRINUSE` when the context already has one.
    public init(context: ZMQContext, allowedClients: [String: String]) throws(ZMQError) {
        socket = try ZMQSocket(context: context, type: .rep, lingerMilliseconds: 0)
        self.allowedClients = allowedClients
        try socket.bind(Self.endpoint)
    }

    /// Answers every request waiting on the socket, without blocking, and returns the decisions.
    public func answerPending() throws(ZMQError) -> [ZAPDecision] {
        var decisions: [ZAPDecision] = []
        while let frames = try socket.receive(dontWait: true) {
            let decision = decide(frames)
            let requestID = frames.count > 1 ? frames[1] : []
            let status = decision.accepted ? "200" : "400"
            let user = decision.clientName ?? ""
            _ = try socket.send([Array("1.0".utf8), requestID, Array(status.utf8), Array(decision.reason.utf8), Array(user.utf8), []])
            decisions.append(decision)
        }
        return decisions
    }

    /// The decision for one request: `[version, request id, domain, address, routing id, mechanism, credentials…]`.
    func decide(_ frames: [[UInt8]]) -> ZAPDecision {
        func text(_ i: Int) -> String { i < frames.count ? String(decoding: frames[i], as: UTF8.self) : "" }
        let address = text(3)
        let mechanism = text(5)
        guard frames.count >= 6, text(0) == "1.0" else {
            return ZAPDecision(accepted: false, clientKey: nil, clientName: nil, address: address, mechanism: mechanism,
                               reason: "malformed ZAP request of \(frames.count) frames")
        }
        guard mechanism == "CURVE", frames.count == 7, let key = CurveKeyPair.z85(frames[6]) else {
            return ZAPDecision(accepted: false, clientKey: nil, clientName: nil, address: address, mechanism: mechanism,
                               reason: "only CURVE clients are served")
        }
        guard let name = allowedClients[key] else {
            return ZAPDecision(accepted: false, clientKey: key, clientName: nil, address: address, mechanism: mechanism,
                               reason: "public key not in the allow-list")
        }
        return ZAPDecision(accepted: true, clientKey: key, clientName: name, address: address, mechanism: mechanism,
                           reason: "public key listed as '\(name)'")
    }
}

/// The handler's socket must stay on the thread that uses it.
@available(*, unavailable)
extension ZAPHandler: Sendable {}
