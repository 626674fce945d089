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
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41)
        var sec = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&pub, &sec) == 0 else { throw .zmqFailure("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: text(pub), secretKey: text(sec))
    }

    /// The pair of an existing secret key, its public key derived with `zmq_curve_public`; fails
    /// with `EINVAL` when `secretKey` is not a 40-character Z85 key.
    public init(secretKey: String) throws(ZMQError) {
        guard Self.isValidKey(secretKey) else { throw .zmqFailure("zmq_curve_public", errno: EINVAL) }
        var pub = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&pub, secretKey) == 0 else { throw .zmqFailure("zmq_curve_public") }
        self.init(publicKey: Self.text(pub), secretKey: secretKey)
    }

    /// Whether `key` is a 40-character Z85 string, the text form of a 32-byte CURVE key.
    public static func isValidKey(_ key: String) -> Bool {
        guard key.utf8.count == 40 else { return false }
        var bytes = [UInt8](repeating: 0, count: 32)
        return zmq_z85_decode(&bytes, key) != nil
    }

    /// The Z85 text of a 32-byte binary key (as a ZAP request carries it); nil for another length.
    public static func z85(_ key: [UInt8]) -> String? {
        guard key.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, key, key.count) != nil else { return nil }
        return Self.text(text)
    }

    private static func text(_ z85: [CChar]) -> String {
        String(decoding: z85.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
