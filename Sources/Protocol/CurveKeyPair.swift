import CZeroMQ

/// A CURVE (Curve25519) key pair in Z85 text, 40 characters each, for authenticated connections.
public struct CurveKeyPair: Sendable, Hashable {
    /// The public key; give it to peers (a server's public key is each client's `curveServerKey`).
    public let publicKey: String
    /// The secret key; never leaves this machine.
    public let secretKey: String

    /// Wraps existing Z85 keys.
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh key pair from `zmq_curve_keypair` (libzmq's own randomness); fails with `ENOTSUP`
    /// when libzmq was built without CURVE.
    public static func generate() throws(ProtocolError) -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41)
        var sec = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&pub, &sec) == 0 else { throw .zmqFailure("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: text(pub), secretKey: text(sec))
    }

    private static func text(_ z85: [CChar]) -> String {
        String(decoding: z85.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
