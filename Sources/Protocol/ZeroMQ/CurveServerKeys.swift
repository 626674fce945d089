/// What a CURVE server needs: its own key pair and the public keys of the clients it serves.
public struct CurveServerKeys: Sendable, Equatable {
    /// The server's key pair; clients are given its public key.
    public var keys: CurveKeyPair
    /// Allowed client public keys (Z85), each with a name for logs (its key file's name).
    public var allowedClients: [String: String]

    /// Wraps a key pair and an allow-list.
    public init(keys: CurveKeyPair, allowedClients: [String: String]) {
        self.keys = keys
        self.allowedClients = allowedClients
    }
}

extension ZMQSocket {
    /// Makes the socket a CURVE server whose handshakes are checked by the ZAP handler in
    /// `domain`; set before `bind`, with a ``ZAPHandler`` already bound in the same context.
    public func makeCurveServer(_ server: CurveServerKeys, domain: String = ZAPHandler.domain) throws(ZMQError) {
        try set(.curveServer(true))
        try set(.curveSecretKey(server.keys.secretKey))
        try set(.zapDomain(domain))
    }
}
