import Core
import Crypto
import Foundation

/// The identity of a trial: lowercase hex SHA-256 of `canonicalJSON(config) + "\nseed=" + String(seed)`.
///
/// The canonical JSON is `JSONEncoder` output of the default-filled `TrialConfig` with sorted keys and
/// unescaped slashes; nil optionals are omitted. Equal configurations hence have equal ids however
/// they were written.
public enum TrialIdentity {
    /// The canonical JSON text of a configuration.
    public static func canonicalJSON(of config: TrialConfig) -> String {
        String(decoding: canonicalData(of: config), as: UTF8.self)
    }

    /// The id of `config` run with `seed`.
    public static func id(config: TrialConfig, seed: UInt64) -> String {
        id(prefix: hasher(canonical: canonicalData(of: config)), seed: seed)
    }

    /// The canonical JSON bytes; encoding a `TrialConfig` cannot fail (all fields are plain values).
    static func canonicalData(of config: TrialConfig, encoder: JSONEncoder = makeEncoder()) -> Data {
        do {
            return try encoder.encode(config)
        } catch {
            preconditionFailure("TrialConfig failed to encode: \(error)")
        }
    }

    /// The encoder that produces canonical JSON.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A hasher fed with the canonical JSON and `"\nseed="`, to be copied once per seed.
    static func hasher(canonical: Data) -> SHA256 {
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
