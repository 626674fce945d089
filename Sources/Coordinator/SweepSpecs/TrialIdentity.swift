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
    static func canonicalBytes(of config: TrialConfig) -> [UInt8] {
        var w = JSONWriter(capacity: 400, format: .integralDoublesWithoutFraction)
        w.raw("{")
        var first = true
        for (field, key) in sortedFields {
            guard let value = field.identityValue(in: config) else { continue }
            if !first { w.raw(",") }
            first = false
            w.json(key)
            write(value, to: &w)
        }
        w.raw("}")
        return w.bytes
    }

    /// The fields in byte order of their names, each with its `"name":` prefix.
    private static let sortedFields = TrialConfig.fields
        .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        .map { field in
            var key = JSONWriter(capacity: field.name.utf8.count + 3)
            key.string(field.name)
            key.raw(":")
            return (field, key.bytes)
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
        h.update(data: Array(String(seed).utf8))
        return hex(h.finalize())
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

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: SHA256.Digest.byteCount * 2) { buffer in
            var i = 0
            for byte in digest {
                buffer[i] = digits[Int(byte >> 4)]
                buffer[i + 1] = digits[Int(byte & 0x0f)]
                i += 2
            }
            return i
        }
    }
}
