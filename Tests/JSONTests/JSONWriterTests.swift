import Testing
import JSON

@Suite struct JSONWriterTests {
    static func written(_ format: JSONFormat = [], _ write: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter(format: format)
        write(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test func stringsAreEscapedAsJSONRequiresAndNoMore() {
        let text = "q\"b\\s/é\u{7F}\u{08}\u{0C}\n\r\t\u{00}\u{1F}"
        #expect(Self.written { $0.string(text) } == #""q\"b\\s/é"# + "\u{7F}" + #"\b\f\n\r\t\u0000\u001f""#)
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        var w = JSONWriter()
        w.string(text)
        #expect(try JSONParser.parse(w.bytes).string(at: JSONPath()) == text)
    }

    @Test func doublesInShortestRoundTripForm() {
        let values: [Double] = [1, -0.0, 0.02, 1e-05, 1e16, 123456789012345, .nan, .infinity, -.infinity]
        #expect(Self.written { w in values.forEach { w.double($0); w.raw(" ") } }
            == #"1.0 -0.0 0.02 1e-05 1e+16 123456789012345.0 "nan" "inf" "-inf" "#)
        #expect(Self.written(.integralDoublesWithoutFraction) { w in values.forEach { w.double($0); w.raw(" ") } }
            == #"1 -0 0.02 1e-05 1e+16 123456789012345 "nan" "inf" "-inf" "#)
    }

    @Test func integersInDecimal() {
        #expect(Self.written { $0.int(Int64.min); $0.raw(" "); $0.int(UInt64.max); $0.raw(" "); $0.int(0) }
            == "-9223372036854775808 18446744073709551615 0")
    }

    static let document = JSONValue.object([
        ("b", .array([.int(1), .string("x")])),
        ("a", .object([])),
        ("c", .array([])),
        ("d", .object([("e", .null), ("f", .bool(true))])),
    ])

    @Test func compactValue() {
        #expect(Self.written { $0.value(Self.document) } == #"{"b":[1,"x"],"a":{},"c":[],"d":{"e":null,"f":true}}"#)
    }

    @Test func prettyPrintedValue() {
        #expect(Self.written(.prettyPrinted) { $0.value(Self.document) } == """
            {
              "b" : [
                1,
                "x"
              ],
              "a" : {},
              "c" : [],
              "d" : {
                "e" : null,
                "f" : true
              }
            }
            """)
    }
}
