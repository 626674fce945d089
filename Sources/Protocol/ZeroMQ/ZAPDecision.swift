/// What a ``ZAPHandler`` answered to one connection's authentication request.
public struct ZAPDecision: Sendable, Equatable {
    /// Whether the connection was let in ("200"); otherwise it was refused ("400").
    public var accepted: Bool
    /// The client's public key in Z85, nil when the request carried none (not CURVE).
    public var clientKey: String?
    /// The allow-list name of the key, nil when the key is not listed.
    public var clientName: String?
    /// The peer's address as libzmq reports it, e.g. `127.0.0.1`.
    public var address: String
    /// The security mechanism of the connection, e.g. `CURVE`.
    public var mechanism: String
    /// Why the connection was let in or refused, as sent in the ZAP reply's status text.
    public var reason: String

    /// Records one decision.
    public init(accepted: Bool, clientKey: String?, clientName: String?, address: String, mechanism: String, reason: String) {
        self.accepted = accepted
        self.clientKey = clientKey
        self.clientName = clientName
        self.address = address
        self.mechanism = mechanism
        self.reason = reason
    }
}
