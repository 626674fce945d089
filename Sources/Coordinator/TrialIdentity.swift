import Core
import Crypto

/// The identity of a trial: lowercase hex SHA-256 of `canonicalJSON(config) + "\nseed=" + String(seed)`.
///
/// The canonical JSON of the default-filled `TrialConfig` has its keys sorted, no whitespace, nil
/// optionals omitted (and fields added after the first release while at their default), integers in decimal, numbers in Swift's shortest round-trip form without a
/// trailing `.0`, and strings escaped as JSON requires (slashes unescaped): for ordinary values it is
/// exactly `JSONEncoder` output with `.sortedKeys` and `.withoutEscapingSlashes`. Equal
/// configurations hence have equal ids however they were written.
public enum TrialIdentity {
    /// The canonical JSON text of a configuration.
    public static func canonicalJSON(of config: TrialConfig) -> String {
        String(decoding: canonicalBytes(of: config), as: UTF8.self)
    }

    /// The canonical JSON as UTF-8 bytes: the fields of `TrialConfig.fields` sorted by name, each
    /// left out when null, or when it is at its default and marked `.omittedAtDefault`.
    static func canonicalBytes(of config: TrialConfig) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(400)
        for entry in sortedFields {
            guard let value = entry.value(config) else { continue }
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: entry.key)
            append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// ``canonicalBytes(of:)`` of configurations that agree on every field but those named in
    /// `varying` and the derived ones (`TrialConfigField.isDerived`), as the grid points of a
    /// spec do: the other fields' text is taken once from `sample`, which is one of them.
    struct CanonicalTemplate {
        private enum Part {
            /// A field's `"name":value` text, or nil when it is left out.
            case fixed([UInt8]?)
            /// A field read from each configuration, by position in ``sortedFields``.
            case varying(Int)
        }

        private let parts: [Part]

        init(sample: TrialConfig, varying names: Set<String>) {
            parts = sortedFields.indices.map { i in
                let entry = sortedFields[i]
                if entry.isDerived || names.contains(entry.name) { return .varying(i) }
                return .fixed(entry.value(sample).map { value in
                    var text = entry.key
                    append(value, to: &text)
                    return text
                })
            }
        }

        func bytes(of config: TrialConfig) -> [UInt8] {
            var out: [UInt8] = [UInt8(ascii: "{")]
            out.reserveCapacity(400)
            for part in parts {
                switch part {
                case .fixed(nil):
                    continue
                case let .fixed(text?):
                    if out.count > 1 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: text)
                case let .varying(i):
                    guard let value = sortedFields[i].value(config) else { continue }
                    if out.count > 1 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: sortedFields[i].key)
                    append(value, to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
            return out
        }
    }

    /// The fields in byte order of their names, each with its `"name":` prefix.
    private static let sortedFields = TrialConfig.fields
        .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        .map { field in
            CanonicalField(
                name: field.name, isDerived: field.isDerived, value: { field.identityValue(in: $0) },
                key: Array("\"\(field.name)\":".utf8))
        }

    /// A field's name, identity value and `"name":` prefix. Holds the field in a closure: copying
    /// the field itself would retain each of its strings and closures, once per field of every
    /// configuration.
    private struct CanonicalField: Sendable {
        let name: String
        let isDerived: Bool
        let value: @Sendable (TrialConfig) -> ConfigValue?
        let key: [UInt8]
    }

    /// Appends the JSON text of one non-null value.
    private static func append(_ value: ConfigValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case let .int(v): out.append(contentsOf: String(v).utf8)
        case let .uint(v): out.append(contentsOf: String(v).utf8)
        case let .double(v): appendNumber(v, to: &out)
        case let .string(v), let .choice(v): appendString(v, to: &out)
        case let .schedule(v): appendString(v.description, to: &out)
        case let .doubles(v):
            out.append(UInt8(ascii: "["))
            for (i, x) in v.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendNumber(x, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .ints(v):
            out.append(UInt8(ascii: "["))
            for (i, x) in v.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: String(x).utf8)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A JSON string: ``JSONText/string(_:)``, whose text is the string's own bytes in quotes
    /// when nothing needs escaping.
    private static func appendString(_ s: String, to out: inout [UInt8]) {
        guard s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
            out.append(contentsOf: JSONText.string(s).utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: s.utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// Shortest round-trip form without a trailing `.0` (`1`, `0.02`, `1e-05`); validated configs are finite.
    private static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        var text = x.description
        text.withUTF8 { bytes in
            let wholeNumber = bytes.count > 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes[bytes.count - 1] == UInt8(ascii: "0")
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<(wholeNumber ? bytes.count - 2 : bytes.count)]))
        }
    }

    /// The id of `config` run with `seed`.
    public static func id(config: TrialConfig, seed: UInt64) -> String {
        id(prefix: hasher(canonical: canonicalBytes(of: config)), seed: seed)
    }

    /// A hasher fed with the canonical JSON and `"\nseed="`, to be copied once per seed.
    static func hasher(canonical: [UInt8]) -> SHA256 {
        var h = SHA256()
        h.update(data: canonical)
        h.update(data: Array("\nseed=".utf8))
        return h
    }

    /// Finishes a copy of `prefix` with the seed's decimal digits.
    static func id(prefix: SHA256, seed: UInt64) -> String {
        var h = prefix
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
            var rest = seed
            var start = text.count
            repeat {
                start -= 1
                text[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            h.update(bufferPointer: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: text[start...])))
        }
        return hex(h.finalize())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 2 * bytes.count) { buffer in
                for (i, byte) in bytes.enumerated() {
                    buffer[2 * i] = digits[Int(byte >> 4)]
                    buffer[2 * i + 1] = digits[Int(byte & 0x0f)]
                }
                return 2 * bytes.count
            }
        }
    }
}
