import Testing
import JSON

/// A value with every kind of field the node encoder and decoder handle.
struct Sample: Codable, Equatable {
    enum Kind: String, Codable { case one, two }
    var name: String
    var kind: Kind
    var count: Int
    var seed: UInt64
    var scale: Double
    var values: [Double]
    var metrics: [String: Double]
    var flags: [Bool]
    var nested: [Inner]
    var note: String?

    struct Inner: Codable, Equatable {
        var step: Int
        var ok: Bool
    }
}

let sample = Sample(
    name: "run/1 \"x\"", kind: .two, count: -3, seed: .max, scale: 2, values: [0.5, .infinity],
    metrics: ["loss": 0.25], flags: [true, false], nested: [Sample.Inner(step: 1, ok: true)], note: nil)

@Suite struct JSONCodingTests {
    @Test func aValueSurvivesEncodeThenDecode() throws {
        let bytes = try JSONNodeEncoder.json(sample)
        #expect(try JSONNodeDecoder.decode(Sample.self, from: bytes) == sample)
        #expect(try JSONNodeDecoder.decode(Sample.self, from: String(decoding: bytes, as: UTF8.self)) == sample)
    }

    @Test func sortedJSONSortsEveryObjectAndLeavesNilOut() {
        #expect(String(decoding: JSONNodeEncoder.sortedJSON(sample), as: UTF8.self) == #"""
            {"count":-3,"flags":[true,false],"kind":"two","metrics":{"loss":0.25},"name":"run/1 \"x\"","nested":[{"ok":true,"step":1}],"scale":2.0,"seed":18446744073709551615,"values":[0.5,"inf"]}
            """#)
    }

    @Test func prettyPrintedSortedWithoutFractions() throws {
        let inner = try JSONNodeEncoder.json(
            Sample.Inner(step: 2, ok: false), format: [.prettyPrinted, .sortedKeys, .integralDoublesWithoutFraction])
        #expect(String(decoding: inner, as: UTF8.self) == "{\n  \"ok\" : false,\n  \"step\" : 2\n}")
    }

    @Test("errors name the field by its path", arguments: [
        (#"{"step": 1}"#, JSONError.missingField(path: JSONPath([.member("ok")]))),
        (#"{"step": 1, "ok": null}"#, .missingField(path: JSONPath([.member("ok")]))),
        (#"{"step": "1", "ok": true}"#, .wrongType(path: JSONPath([.member("step")]), expected: "an integer", found: "string")),
        (#"{"step": 1e30, "ok": true}"#, .invalidValue(
            path: JSONPath([.member("step")]), reason: "the number is out of the range \(Int.min)...\(Int.max)")),
        ("[]", .wrongType(path: JSONPath(), expected: "an object", found: "array")),
    ])
    func innerErrors(_ text: String, _ error: JSONError) {
        #expect(throws: error) { try JSONNodeDecoder.decode(Sample.Inner.self, from: text) }
    }

    /// The JSON of `sample` with `kind` and the first nested `ok` as given.
    static func sampleJSON(kind: String, ok: String) -> String {
        #"{"name":"n","kind":"# + kind + #","count":1,"seed":2,"scale":3,"values":[],"metrics":{},"flags":[],"nested":[{"step":1,"ok":"# + ok + "}]}"
    }

    @Test func nestedErrorsCarryTheWholePath() throws {
        #expect(try JSONNodeDecoder.decode(Sample.self, from: Self.sampleJSON(kind: #""one""#, ok: "true")).nested[0].ok)
        #expect(throws: JSONError.wrongType(
            path: JSONPath([.member("nested"), .index(0), .member("ok")]), expected: "a boolean", found: "number")) {
            try JSONNodeDecoder.decode(Sample.self, from: Self.sampleJSON(kind: #""one""#, ok: "3"))
        }
        #expect(throws: JSONError.invalidValue(
            path: JSONPath([.member("kind")]), reason: "Cannot initialize Kind from invalid String value three")) {
            try JSONNodeDecoder.decode(Sample.self, from: Self.sampleJSON(kind: #""three""#, ok: "true"))
        }
    }

    struct Even: Decodable {
        struct Odd: Error, CustomStringConvertible {
            var description: String { "the number is odd" }
        }

        init(from decoder: any Decoder) throws {
            if try decoder.singleValueContainer().decode(Int.self) % 2 != 0 { throw Odd() }
        }
    }

    @Test func anErrorOfTheTypeItselfIsKeptApartFromDecodingErrors() {
        #expect(throws: JSONError.rejected(path: JSONPath([.index(1)]), reason: "the number is odd")) {
            try JSONNodeDecoder.decode([Even].self, from: "[2, 3]")
        }
    }

    @Test func aDecodingPathStartsWhereTheValueSits() throws {
        let value = try JSONParser.parse(#"{"step": true, "ok": true}"#)
        #expect(throws: JSONError.wrongType(path: JSONPath([.member("config"), .member("step")]), expected: "an integer", found: "boolean")) {
            try JSONNodeDecoder.decode(Sample.Inner.self, from: value, codingPath: [JSONKey(stringValue: "config")])
        }
    }
}
