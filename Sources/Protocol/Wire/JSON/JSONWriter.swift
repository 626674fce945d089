/// Appends compact JSON to a byte buffer. Non-finite doubles become the strings
/// `"nan"`, `"inf"` and `"-inf"` (JSON has no literal for them).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends ASCII text as is (punctuation and known-safe keys).
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends JSON text that is already encoded.
    mutating func json(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// Appends `,"key":` (or `"key":` when `first`); `key` must need no escaping.
    mutating func key(_ key: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(key)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for c in utf8 { escaped(c) }
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ c: UInt8) {
        switch c {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0..<0x20:
            raw("\\u00")
            bytes.append(Self.hexDigit(c >> 4))
            bytes.append(Self.hexDigit(c & 0xF))
        default: bytes.append(c)
        }
    }

    private static func hexDigit(_ d: UInt8) -> UInt8 {
        d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10
    }

    mutating func int<T: BinaryInteger>(_ v: T) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            unsigned(UInt64(v.magnitude))
        } else {
            unsigned(UInt64(v))
        }
    }

    private mutating func unsigned(_ v: UInt64) {
        var count = 1
        var t = v
        while t >= 10 {
            t /= 10
            count += 1
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var x = v
        for k in stride(from: start + count - 1, through: start, by: -1) {
            bytes[k] = UInt8(ascii: "0") + UInt8(x % 10)
            x /= 10
        }
    }

    mutating func double(_ v: Double) {
        if v.isNaN {
            raw("\"nan\"")
        } else if v.isInfinite {
            raw(v > 0 ? "\"inf\"" : "\"-inf\"")
        } else {
            bytes.append(contentsOf: v.description.utf8)
        }
    }

    mutating func bool(_ v: Bool) {
        raw(v ? "true" : "false")
    }

    /// Appends `["string",...]`.
    mutating func strings(_ list: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, s) in list.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends `{"name":number,...}`.
    mutating func doubles(_ dict: [String: Double]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (k, v) in dict {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(k)
            bytes.append(UInt8(ascii: ":"))
            double(v)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func value(_ v: JSONValue) {
        switch v {
        case .null: raw("null")
        case let .bool(b): bool(b)
        case let .int(n): int(n)
        case let .uint(n): int(n)
        case let .double(d): double(d)
        case let .string(s): string(s)
        case let .array(elements):
            bytes.append(UInt8(ascii: "["))
            for (k, e) in elements.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                value(e)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(members):
            bytes.append(UInt8(ascii: "{"))
            for (k, m) in members.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                string(m.key)
                bytes.append(UInt8(ascii: ":"))
                value(m.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }
}
