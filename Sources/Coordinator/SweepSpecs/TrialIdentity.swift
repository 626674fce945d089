import Core
import Crypto
import JSON

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
    package static func canonicalBytes(of config: TrialConfig) -> [UInt8] {
        var w = JSONWriter(capacity: 400, format: .integralDoublesWithoutFraction)
        w.raw("{")
        var first = true
        for entry in sortedFields {
            guard let value = entry.value(config) else { continue }
            if !first { w.raw(",") }
            first = false
            w.json(entry.key)
            write(value, to: &w)
        }
        w.raw("}")
        return w.bytes
    }

    /// ``canonicalBytes(of:)`` of configurations that agree on every field but those named in
    /// `varying` and the derived ones (`TrialConfigField.isDerived`), as the grid points of a
    /// spec do: the other fields' text is taken once from `sample`, which is one of them.
    package struct CanonicalTemplate {
        private enum Part {
            /// A field's `"name":value` text, or nil when it is left out.
            case fixed([UInt8]?)
            /// A field read from each configuration, by position in ``sortedFields``.
            case varying(Int)
        }

        private let parts: [Part]

        package init(sample: TrialConfig, varying names: Set<String>) {
            parts = sortedFields.indices.map { i in
                let entry = sortedFields[i]
                if entry.isDerived || names.contains(entry.name) { return .varying(i) }
                return .fixed(entry.value(sample).map { value in
                    var text = JSONWriter(capacity: 64, format: .integralDoublesWithoutFraction)
                    text.json(entry.key)
                    write(value, to: &text)
                    return text.bytes
                })
            }
        }

        package func bytes(of config: TrialConfig) -> [UInt8] {
            var w = JSONWriter(capacity: 400, format: .integralDoublesWithoutFraction)
            w.raw("{")
            var first = true
            for part in parts {
                switch part {
                case .fixed(nil):
                    continue
                case let .fixed(text?):
                    if !first { w.raw(",") }
                    first = false
                    w.json(text)
                case let .varying(i):
                    guard let value = sortedFields[i].value(config) else { continue }
                    if !first { w.raw(",") }
                    first = false
                    w.json(sortedFields[i].key)
                    write(value, to: &w)
                }
            }
            w.raw("}")
            return w.bytes
        }
    }

    /// The fields in byte order of their names, each with its `"name":` prefix.
    private static let sortedFields = TrialConfig.fields
        .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        .map { field in
            CanonicalField(
                name: field.name, isDerived: field.isDerived, value: { field.identityValue(in: $0) },
                key: key(field.name))
        }

    /// `"name":` as JSON.
    private static func key(_ name: String) -> [UInt8] {
        var key = JSONWriter(capacity: name.utf8.count + 3)
        key.string(name)
        key.raw(":")
        return key.bytes
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

    /// Appends the JSON of one value.
    private static func write(_ value: ConfigValue, to w: inout JSONWriter) {
        switch value {
        case .null: w.raw("null")
        case let .int(v): w.int(v)
        case let .uint(v): w.int(v)
        case let .double(v): number(v, to: &w)
        case let .string(v), let .choice(v): w.string(v)
        case let .schedule(v): w.string(v.description)
        case let .initialPoint(v): w.string(v.description)
        case let .doubles(v):
            w.raw("[")
            for (k, x) in v.enumerated() {
                if k > 0 { w.raw(",") }
                number(x, to: &w)
            }
            w.raw("]")
        case let .ints(v):
            w.raw("[")
            for (k, n) in v.enumerated() {
                if k > 0 { w.raw(",") }
                w.int(n)
            }
            w.raw("]")
        }
    }

    /// Shortest round-trip form without a trailing `.0` (`1`, `0.02`, `1e-05`). Validated configs
    /// are finite; a non-finite value in a field that validation leaves alone is the bare `nan`,
    /// `inf` or `-inf` that ids have always hashed.
    private static func number(_ x: Double, to w: inout JSONWriter) {
        if x.isFinite {
            w.double(x)
        } else {
            w.json(Array(x.description.utf8))
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
