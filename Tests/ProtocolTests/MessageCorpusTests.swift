import Foundation
import Testing
@testable import Wire


/// Every input of the `fuzz-message` seed corpus (Fuzz/Corpus/message, crash inputs included)
/// through the real decoder: a message that survives a round trip, or a `WireError`.
@Suite struct MessageCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus/message")

    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        return try names.map { name in
            (name, Array(try Data(contentsOf: corpus.appendingPathComponent(name))))
        }
    }

    /// The JSON text with every object's keys sorted (dictionaries keep no order), nil if
    /// Foundation cannot read it.
    static func sortedJSON(_ bytes: [UInt8]) -> Data? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return nil }
        return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test func everyCorpusInputDecodesOrThrowsAWireError() throws {
        let inputs = try Self.inputs()
        #expect(inputs.count >= 40)
        var decodedTypes: Set<MessageType> = []
        var errors = 0
        for (name, bytes) in inputs {
            let message: Message
            do {
                message = try MessageCodec.decode(bytes)
            } catch {
                errors += 1
                #expect(!error.description.isEmpty, "\(name)")
                continue
            }
            decodedTypes.insert(message.type)
            let encoded = MessageCodec.encode(message)
            let again = try MessageCodec.decode(encoded)
            let sorted = try #require(Self.sortedJSON(encoded), "\(name): the encoding is not standard JSON")
            #expect(Self.sortedJSON(MessageCodec.encode(again)) == sorted, "\(name): the round trip changed the frame")
        }
        #expect(decodedTypes == Set(MessageType.allCases), "the corpus lacks a valid example of some message type")
        #expect(errors > 0, "the corpus has no invalid input")
    }
}
