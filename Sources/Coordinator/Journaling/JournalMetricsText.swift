/// Reads the `metrics` object of a stored result, `{"name":number,…}` with non-finite values as
/// the strings `"nan"`, `"inf"` and `"-inf"`, without Foundation's JSON decoder: the table reads
/// one per trial. Gives nil for any other text (escapes, nesting, other values).
enum JournalMetricsText {
    static func parse(_ text: String) -> [String: Double]? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            return parser.object()
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func object() -> [String: Double]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var metrics: [String: Double] = [:]
            if take(UInt8(ascii: "}")) { return atEnd() ? metrics : nil }
            while true {
                guard let name = string(), take(UInt8(ascii: ":")), let value = number() else { return nil }
                metrics[name] = value
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}")) && atEnd() ? metrics : nil
            }
        }

        private mutating func number() -> Double? {
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                switch string() {
                case "nan": return .nan
                case "inf": return .infinity
                case "-inf": return -.infinity
                default: return nil
                }
            }
            let start = position
            while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }

        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            position += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        private mutating func atEnd() -> Bool {
            skipSpace()
            return position == bytes.count
        }

        private mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
                default: return
                }
            }
        }

        private static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                true
            default:
                false
            }
        }
    }
}
