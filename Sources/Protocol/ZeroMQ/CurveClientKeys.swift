/// What a CURVE client needs: the server's public key and its own key pair.
public struct CurveClientKeys: Sendable, Equatable {
    /// The server's public key (Z85).
    public var serverPublicKey: String
    /// The client's key pair; the server must list its public key.
    public var keys: CurveKeyPair

    /// Wraps the server's public key and the client's pair.
    public init(serverPublicKey: String, keys: CurveKeyPair) {
        self.serverPublicKey = serverPublicKey
        self.keys = keys
    }
}

extension ZMQSocket {
    /// Makes the socket a CURVE client of the server with `client.serverPublicKey`; set before `connect`.
    public func makeCurveClient(_ client: CurveClientKeys) throws(ZMQError) {
        try set(.curveServerKey(client.serverPublicKey))
        try set(.curvePublicKey(client.keys.publicKey))
        try set(.curveSecretKey(client.keys.secretKey))
    }
}
