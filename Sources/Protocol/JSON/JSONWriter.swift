/// Appends JSON to a byte buffer: compact unless `format` says otherwise. Non-finite doubles
/// become the strings `"nan"`, `"inf"` and `"-inf"` (JSON has no literal for them). Strings are
/// escaped as JSON requires and no more: `"` and `\` get a backslash, control characters become
/// `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`; `/` and non-ASCII characters are written as they are.
package struct JSONWriter {
    /// The JSON written so far, UTF-8.
    package private(set) var bytes: [UInt8] = []
    /// The layout of objects and arrays, key order and double style.
    package let format: JSONFormat
    /// How many objects and arrays are open, for indenting pretty-printed output.
    private var depth = 0

    /// An empty writer with room for `capacity` bytes.
    package init(capacity: Int = 512, format: JSONFormat = []) {
        bytes.reserveCapacity(capacity)
        self.format = format
    }

    /// Appends ASCII text as is (punctuation and known-safe keys).
    package mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends JSON text that is already encoded.
    package mutating func json(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// Appends `,"key":` (or `"key":` when `first`); `key` must need no escaping.
    package mutating func key(_ key: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(key)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends `s` as a JSON string literal.
    package mutating func string(_ s: String) {
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
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
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

    /// Appends an integer in decimal.
    package mutating func int<T: BinaryInteger>(_ v: T) {
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

    /// Appends a double in shortest round-trip form (without a zero fraction when `format` has
    /// `.integralDoublesWithoutFraction`); non-finite ones as `"nan"`, `"inf"`, `"-inf"`.
    package mutating func double(_ v: Double) {
        if v.isNaN {
            raw("\"nan\"")
        } else if v.isInfinite {
            raw(v > 0 ? "\"inf\"" : "\"-inf\"")
        } else {
            bytes.append(contentsOf: v.description.utf8)
            if format.contains(.integralDoublesWithoutFraction), bytes.count >= 2,
               bytes[bytes.count - 2] == UInt8(ascii: "."), bytes[bytes.count - 1] == UInt8(ascii: "0") {
                bytes.removeLast(2)
            }
        }
    }

    /// Appends `true` or `false`.
    package mutating func bool(_ v: Bool) {
        raw(v ? "true" : "false")
    }

    /// Appends `["string",...]`.
    package mutating func strings(_ list: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, s) in list.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends `{"name":number,...}`.
    package mutating func doubles(_ dict: [String: Double]) {
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

    /// Appends `v`, laid out as `format` says (its members in their order).
    package mutating func value(_ v: JSONValue) {
        switch v {
        case .null: raw("null")
        case let .bool(b): bool(b)
        case let .int(n): int(n)
        case let .uint(n): int(n)
        case let .double(d): double(d)
        case let .string(s): string(s)
        case let .array(elements):
            open(UInt8(ascii: "["))
            for (k, e) in elements.enumerated() {
                item(k)
                value(e)
            }
            close(UInt8(ascii: "]"), empty: elements.isEmpty)
        case let .object(members):
            open(UInt8(ascii: "{"))
            for (k, m) in members.enumerated() {
                member(k, m.key)
                value(m.value)
            }
            close(UInt8(ascii: "}"), empty: members.isEmpty)
        }
    }

    /// Opens an object or an array with `bracket`.
    mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
    }

    /// Starts element `index` of the open array or object: a comma after the first, and a new
    /// indented line when pretty-printing.
    mutating func item(_ index: Int) {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        if format.contains(.prettyPrinted) { newline() }
    }

    /// Starts member `index` of the open object: ``item(_:)``, then `"key":`.
    mutating func member(_ index: Int, _ key: String) {
        item(index)
        string(key)
        if format.contains(.prettyPrinted) {
            raw(" : ")
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Closes the innermost open object or array with `bracket`.
    mutating func close(_ bracket: UInt8, empty: Bool) {
        depth -= 1
        if format.contains(.prettyPrinted) && !empty { newline() }
        bytes.append(bracket)
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
