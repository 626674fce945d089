import Foundation
import Testing
import JSON

/// The formats that replaced Foundation's `JSONEncoder` in the tools write the same bytes it did.
@Suite struct JSONEncoderParityTests {
    static func foundation(_ value: some Encodable, _ formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func sortedWithoutFractionsIsJSONEncodersSortedOutput() throws {
        let ours = try JSONNodeEncoder.json(sample, format: [.sortedKeys, .integralDoublesWithoutFraction])
        #expect(String(decoding: ours, as: UTF8.self) == (try Self.foundation(sample, [.sortedKeys, .withoutEscapingSlashes])))
    }

    @Test func prettyPrintedIsJSONEncodersPrettyOutput() throws {
        struct Record: Codable { var endpoint: String; var jobs: [String] }
        let record = Record(endpoint: "tcp://10.0.0.5:41000", jobs: ["12", "15"])
        let ours = try JSONNodeEncoder.json(record, format: [.prettyPrinted, .sortedKeys, .integralDoublesWithoutFraction])
        #expect(String(decoding: ours, as: UTF8.self) == (try Self.foundation(record, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])))
    }
}
