import Core
import Crypto

/// The identity of a trial: lowercase hex SHA-256 of `canonicalJSON(config) + "\nseed=" + String(seed)`.
///
/// The canonical JSON of the default-filled `TrialConfig` has its keys sorted, no whitespace, nil
/// optionals omitted, integers in decimal, numbers in Swift's shortest round-trip form without a
/// trailing `.0`, and strings escaped as JSON requires (slashes unescaped): for ordinary values it is
/// exactly `JSONEncoder` output with `.sortedKeys` and `.withoutEscapingSlashes`. Equal
/// configurations hence have equal ids however they were written.
public enum TrialIdentity {
    /// The canonical JSON text of a configuration.
    public static func canonicalJSON(of config: TrialConfig) -> String {
        String(decoding: canonicalBytes(of: config), as: UTF8.self)
    }

    /// The canonical JSON as UTF-8 bytes.
    static func canonicalBytes(of config: TrialConfig) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(400)
        func key(_ k: StaticString) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func text(_ s: String) { out.append(contentsOf: s.utf8) }
        if let b = config.batchSize { key("batch_size"); text(String(b)) }
        key("curve_points"); text(String(config.curvePoints))
        if let d = config.data { key("data"); text(JSONText.string(d)) }
        if let s = config.dataSeed { key("data_seed"); text(String(s)) }
        key("depth"); text(String(config.depth))
        key("dimension"); text(String(config.dimension))
        key("init_scale"); text(number(config.initScale))
        if let p = config.l1Penalty { key("l1_penalty"); text(number(p)) }
        key("learning_rate"); text(number(config.learningRate))
        key("measurements"); text(String(config.measurements))
        key("model"); text(JSONText.string(config.model.rawValue))
        key("momentum"); text(number(config.momentum))
        key("noise"); text(number(config.noise))
        key("optimizer"); text(JSONText.string(config.optimizer.rawValue))
        key("parameterization"); text(JSONText.string(config.parameterization.rawValue))
        key("problem"); text(JSONText.string(config.problem.rawValue))
        if let s = config.pruneSparsities { key("prune_sparsities"); text("[" + s.map(number).joined(separator: ",") + "]") }
        key("rank"); text(String(config.rank))
        key("regularizer"); text(JSONText.string(config.regularizer.rawValue))
        key("samples"); text(String(config.samples))
        key("schedule"); text(JSONText.string(config.schedule.description))
        key("sparsity"); text(String(config.sparsity))
        key("steps"); text(String(config.steps))
        key("test_samples"); text(String(config.testSamples))
        key("thresholds"); text("[" + config.thresholds.map(number).joined(separator: ",") + "]")
        key("weight_decay"); text(number(config.weightDecay))
        if let w = config.widths { key("widths"); text("[" + w.map(String.init).joined(separator: ",") + "]") }
        out.append(UInt8(ascii: "}"))
        return out
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

    /// Shortest round-trip form without a trailing `.0` (`1`, `0.02`, `1e-05`); validated configs are finite.
    private static func number(_ x: Double) -> String {
        let s = x.description
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
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
