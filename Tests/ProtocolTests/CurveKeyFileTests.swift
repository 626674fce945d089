import Foundation
import Testing
@testable import ZeroMQ


@Suite("CURVE key files and allow-lists")
struct CurveKeyFileTests {
    /// A fresh temporary directory.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aPairRoundTripsWithItsModesAndComment() throws {
        let dir = try Self.directory()
        let pair = try CurveKeyPair.generate()
        try CurveKeyFile.write(key: pair.secretKey, kind: .secret, name: "w1", to: "\(dir)/w1.secret")
        try CurveKeyFile.write(key: pair.publicKey, kind: .public, name: "w1", to: "\(dir)/w1.public")
        #expect(try Self.mode("\(dir)/w1.secret") == 0o600)
        #expect(try Self.mode("\(dir)/w1.public") == 0o644)
        let text = try String(contentsOfFile: "\(dir)/w1.public", encoding: .utf8)
        #expect(text == "# MirrorSweep CURVE public key 'w1' (Z85). Safe to share.\n\(pair.publicKey)\n")
        #expect(try CurveKeyFile.read("\(dir)/w1.public", kind: .public) == pair.publicKey)
        #expect(try CurveKeyFile.readKeyPair("\(dir)/w1.secret") == pair)
    }

    @Test func theDerivedPublicKeyIsTheGeneratedOne() throws {
        let pair = try CurveKeyPair.generate()
        #expect(try CurveKeyPair(secretKey: pair.secretKey) == pair)
        #expect(throws: ZMQError.zmqFailure("zmq_curve_public", errno: EINVAL)) { try CurveKeyPair(secretKey: "short") }
        #expect(!CurveKeyPair.isValidKey(String(repeating: "~", count: 40)))
        #expect(CurveKeyPair.z85([UInt8](repeating: 0, count: 31)) == nil)
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let dir = try Self.directory()
        let path = "\(dir)/w.secret"
        let first = try CurveKeyPair.generate()
        try CurveKeyFile.write(key: first.secretKey, kind: .secret, name: "w", to: path)
        let error = #expect(throws: ZMQError.self) {
            try CurveKeyFile.write(key: try CurveKeyPair.generate().secretKey, kind: .secret, name: "w", to: path)
        }
        #expect(error?.description.contains("already exists") == true)
        #expect(try CurveKeyFile.read(path, kind: .secret) == first.secretKey)
    }

    @Test func aSecretKeyReadableByOthersIsRefused() throws {
        let dir = try Self.directory()
        let path = "\(dir)/w.secret"
        try CurveKeyFile.write(key: try CurveKeyPair.generate().secretKey, kind: .secret, name: "w", to: path)
        chmod(path, 0o640)
        let error = #expect(throws: ZMQError.self) { try CurveKeyFile.read(path, kind: .secret) }
        #expect(error?.description == "key file \(path): permissions 0640 are too open for a secret key; allowed: readable by its owner only (chmod 600 \(path))")
    }

    @Test(arguments: ["", "# only a comment\n", "not a key\n", "\(String(repeating: "a", count: 40))\n\(String(repeating: "b", count: 40))\n"])
    func malformedFilesAreRefused(text: String) throws {
        let dir = try Self.directory()
        try text.write(toFile: "\(dir)/bad.public", atomically: true, encoding: .utf8)
        let error = #expect(throws: ZMQError.self) { try CurveKeyFile.read("\(dir)/bad.public", kind: .public) }
        #expect(error?.description.contains("expected one line holding a 40-character Z85 public key") == true)
    }

    @Test func theAllowListIsEveryPublicFileOfTheDirectory() throws {
        let dir = try Self.directory()
        let a = try CurveKeyPair.generate()
        let b = try CurveKeyPair.generate()
        try CurveKeyFile.write(key: a.publicKey, kind: .public, name: "a", to: "\(dir)/a.public")
        try CurveKeyFile.write(key: b.publicKey, kind: .public, name: "b", to: "\(dir)/b.public")
        try "notes".write(toFile: "\(dir)/README.txt", atomically: true, encoding: .utf8)
        #expect(try CurveKeyFile.allowList(directory: dir) == [a.publicKey: "a", b.publicKey: "b"])

        try "garbage\n".write(toFile: "\(dir)/c.public", atomically: true, encoding: .utf8)
        let bad = #expect(throws: ZMQError.self) { try CurveKeyFile.allowList(directory: dir) }
        #expect(bad?.description.hasPrefix("key file \(dir)/c.public:") == true)

        let empty = try Self.directory()
        let none = #expect(throws: ZMQError.self) { try CurveKeyFile.allowList(directory: empty) }
        #expect(none?.description.contains("holds no *.public key files") == true)
        #expect(throws: ZMQError.self) { try CurveKeyFile.allowList(directory: "\(empty)/missing") }
    }
}
