/// Finds what the table reads of a stored result, its `status` and `metrics` members, in the
/// result's JSON text without building it: the table scans one result per trial.
///
/// Reads only text it reads exactly as SQLite's `json_valid` and `json_extract` do: strict JSON
/// (RFC 8259) whose value is an object, keys and status without escapes, no key twice at the top,
/// nesting at most 64 deep. Gives nil for any other text, which the caller then hands to SQLite.
package struct JournalResultScan {
    /// The bytes of the status string, between its quotes.
    package var status: UnsafeRawBufferPointer
    /// The metrics object, braces included, when the metrics are an object.
    package var metrics: UnsafeRawBufferPointer

    /// Scans `text`, the whole stored result; nil when it is not a result read as described above.
    package init?(_ text: UnsafeRawBufferPointer) {
        var reader = JSONBytes(text)
        reader.skipSpace()
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        var status: Range<Int>?
        var metrics: Range<Int>?
        reader.skipSpace()
        if !reader.take(UInt8(ascii: "}")) {
            repeat {
                reader.skipSpace()
                guard let key = reader.plainString() else { return nil }
                reader.skipSpace()
                guard reader.take(UInt8(ascii: ":")) else { return nil }
                reader.skipSpace()
                let start = reader.position
                if Self.equal(text, key, "status") {
                    guard status == nil, let value = reader.plainString() else { return nil }
                    status = value
                } else {
                    guard reader.value(depth: 1) else { return nil }
                    if Self.equal(text, key, "metrics") {
                        guard metrics == nil, text[start] == UInt8(ascii: "{") else { return nil }
                        metrics = start..<reader.position
                    }
                }
                reader.skipSpace()
            } while reader.take(UInt8(ascii: ","))
            guard reader.take(UInt8(ascii: "}")) else { return nil }
        }
        reader.skipSpace()
        guard reader.atEnd, let status, let metrics else { return nil }
        self.status = UnsafeRawBufferPointer(rebasing: text[status])
        self.metrics = UnsafeRawBufferPointer(rebasing: text[metrics])
    }

    /// Calls `body` with each metric's name (its bytes between the quotes) and value, in text
    /// order, each read as ``JournalMetricsText`` reads it. False, having stopped, when the object
    /// holds anything but names without escapes with numbers `Double(String)` reads or the strings
    /// `"nan"`, `"inf"` and `"-inf"`.
    package func forEachMetric(_ body: (UnsafeRawBufferPointer, Double) -> Void) -> Bool {
        var reader = JSONBytes(metrics)
        guard reader.take(UInt8(ascii: "{")) else { return false }
        reader.skipSpace()
        if reader.take(UInt8(ascii: "}")) { return reader.atEnd }
        repeat {
            reader.skipSpace()
            guard let name = reader.plainString() else { return false }
            reader.skipSpace()
            guard reader.take(UInt8(ascii: ":")) else { return false }
            reader.skipSpace()
            let value: Double
            if reader.next == UInt8(ascii: "\"") {
                guard let text = reader.plainString() else { return false }
                if Self.equal(metrics, text, "nan") {
                    value = .nan
                } else if Self.equal(metrics, text, "inf") {
                    value = .infinity
                } else if Self.equal(metrics, text, "-inf") {
                    value = -.infinity
                } else {
                    return false
                }
            } else {
                guard let number = reader.number(),
                      let parsed = Double(String(decoding: UnsafeRawBufferPointer(rebasing: metrics[number]), as: UTF8.self))
                else { return false }
                value = parsed
            }
            body(UnsafeRawBufferPointer(rebasing: metrics[name]), value)
            reader.skipSpace()
        } while reader.take(UInt8(ascii: ","))
        return reader.take(UInt8(ascii: "}")) && reader.atEnd
    }

    /// Whether the bytes of `range` in `text` spell `word`.
    private static func equal(_ text: UnsafeRawBufferPointer, _ range: Range<Int>, _ word: StaticString) -> Bool {
        range.count == word.utf8CodeUnitCount
            && zip(text[range], UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
    }
}

/// A cursor over JSON text that checks it strictly (RFC 8259, as SQLite accepts it).
package struct JSONBytes {
    package let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    package var atEnd: Bool { position == bytes.count }

    /// The byte at the cursor, nil at the end.
    package var next: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Moves past `byte` when it is next.
    package mutating func take(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    package mutating func skipSpace() {
        while let byte = next, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    /// Moves past a string without escapes; the range of its bytes between the quotes.
    package mutating func plainString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while let byte = next, byte != UInt8(ascii: "\"") {
            guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        guard take(UInt8(ascii: "\"")) else { return nil }
        return start..<position - 1
    }

    /// Moves past one value of any kind, `depth` levels deep; false when it is not strict JSON.
    package mutating func value(depth: Int) -> Bool {
        guard depth <= 64, let byte = next else { return false }
        switch byte {
        case UInt8(ascii: "{"):
            position += 1
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                skipSpace()
                guard string() else { return false }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            position += 1
            skipSpace()
            if take(UInt8(ascii: "]")) { return true }
            repeat {
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]"))
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"):
            return word("true")
        case UInt8(ascii: "f"):
            return word("false")
        case UInt8(ascii: "n"):
            return word("null")
        default:
            return number() != nil
        }
    }

    /// Moves past a string, escapes included.
    package mutating func string() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while let byte = next {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return true
            case UInt8(ascii: "\\"):
                guard let escaped = next else { return false }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard let digit = next, digit.isHexDigit else { return false }
                        position += 1
                    }
                default:
                    return false
                }
            case 0..<0x20:
                return false
            default:
                continue
            }
        }
        return false
    }

    /// Moves past a number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; the range of its bytes.
    package mutating func number() -> Range<Int>? {
        let start = position
        _ = take(UInt8(ascii: "-"))
        if !take(UInt8(ascii: "0")) {
            guard let first = next, first.isDigit, first != UInt8(ascii: "0") else { return nil }
            skipDigits()
        }
        if take(UInt8(ascii: ".")) {
            guard let digit = next, digit.isDigit else { return nil }
            skipDigits()
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard let digit = next, digit.isDigit else { return nil }
            skipDigits()
        }
        return start..<position
    }

    private mutating func skipDigits() {
        while let byte = next, byte.isDigit { position += 1 }
    }

    private mutating func word(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count,
              zip(bytes[position..<position + count], UnsafeBufferPointer(start: word.utf8Start, count: count)).allSatisfy({ $0 == $1 })
        else { return false }
        position += count
        return true
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    fileprivate var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
