import Testing
import JSON

@Suite struct JSONParserTests {
    @Test func integersKeepTheirExactValue() throws {
        guard case let .array(values) = try JSONParser.parse("[18446744073709551615, -9223372036854775808, 3, 3.0, 1e2]") else {
            Issue.record("not an array")
            return
        }
        #expect(values.map(\.kindName) == ["number", "number", "number", "number", "number"])
        #expect(try values[0].integer(UInt64.self, at: JSONPath()) == .max)
        #expect(try values[1].integer(Int64.self, at: JSONPath()) == .min)
        #expect(try values[3].integer(Int.self, at: JSONPath()) == 3)
        #expect(try values[4].double(at: JSONPath()) == 100)
    }

    @Test func pythonsNonFiniteTokensAndTheirStrings() throws {
        guard case let .array(values) = try JSONParser.parse(#"[NaN, Infinity, -Infinity, "nan", "inf", "-inf"]"#) else {
            Issue.record("not an array")
            return
        }
        let doubles = try values.map { try $0.double(at: JSONPath()) }
        #expect(doubles[0].isNaN && doubles[3].isNaN)
        #expect(doubles[1] == .infinity && doubles[4] == .infinity)
        #expect(doubles[2] == -.infinity && doubles[5] == -.infinity)
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(try value.string(at: JSONPath()) == "a\"b\\c/d\u{08}\u{0C}\n\r\té😀")
    }

    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        let value = try JSONParser.parse(#"{"a": 1, "a": 2}"#)
        #expect(try value.object(at: JSONPath()).member("a").map { try $0.integer(Int.self, at: JSONPath()) } == 2)
    }

    @Test("malformed input names the byte where parsing stopped", arguments: [
        ("", JSONError.malformed(offset: 0, reason: "unexpected end of input, expected a value")),
        (#"{"a" 1}"#, .malformed(offset: 5, reason: "expected ':' after key \"a\"")),
        ("[1,]", .malformed(offset: 3, reason: "unexpected character ']', expected a value")),
        ("01", .malformed(offset: 0, reason: "leading zero in number")),
        (#""\x""#, .malformed(offset: 1, reason: "invalid escape '\\x'")),
        (#""\ud800""#, .malformed(offset: 1, reason: "unpaired surrogate in \\u escape")),
        ("[1] 2", .trailingBytes(offset: 4)),
    ])
    func malformed(_ text: String, _ error: JSONError) {
        #expect(throws: error) { try JSONParser.parse(text) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(throws: JSONError.malformed(offset: JSONParser.maxDepth, reason: "nesting deeper than 64 levels")) {
            try JSONParser.parse(deep)
        }
    }

    @Test func errorsReadAsOneLine() {
        #expect(JSONError.malformed(offset: 3, reason: "expected a digit").description == "malformed JSON at byte 3: expected a digit")
        #expect(JSONError.trailingBytes(offset: 4).description == "trailing bytes after the JSON value, starting at byte 4")
        let path = JSONPath([.member("config"), .member("thresholds"), .index(2)])
        #expect(path.description == "config.thresholds[2]")
        #expect(JSONError.missingField(path: path).description == "missing field 'config.thresholds[2]'")
        #expect(JSONError.wrongType(path: path, expected: "a number", found: "string").description
            == "field 'config.thresholds[2]' has the wrong type: expected a number, found string")
        #expect(JSONError.invalidValue(path: JSONPath(), reason: "no").description == "invalid value for the top-level value: no")
    }
}
