import Core
import Foundation
import JSON

/// What `mirrorsweep train` prints: the trial's result with its config and seed.
struct TrainReport: Encodable {
    let result: TrialResult
    let config: TrialConfig
    let seed: UInt64

    private enum CodingKeys: String, CodingKey {
        case config, seed
    }

    /// The result's own keys (`status`, `steps`, `diverged_at`, `wall_seconds`, `x`, `metrics`,
    /// `curves`) plus `config` and `seed`, in one object.
    func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(config, forKey: .config)
        try container.encode(seed, forKey: .seed)
    }

    /// One line of JSON with sorted keys; NaN and ±Inf, which JSON lacks, are the strings
    /// `"nan"`, `"inf"` and `"-inf"`.
    func json() throws -> String {
        let json = try JSONNodeEncoder.json(self, format: [.sortedKeys, .integralDoublesWithoutFraction])
        return String(decoding: json, as: UTF8.self)
    }

    /// A readable summary: one aligned `name  value` line per item, then the metrics under a
    /// `metrics` heading; x itself is left out.
    func summary() -> String {
        var rows: [(String, String)] = [("status", result.status.rawValue)]
        if let step = result.divergedAt { rows.append(("diverged_at", "\(step)")) }
        rows += [
            ("steps", "\(result.steps)"),
            ("wall_seconds", String(format: "%.3f", result.wallSeconds)),
            ("x", "d = \(result.x.count) entries (printed with --json)"),
            ("curve_points", "\(result.curves.count)"),
            ("seed", "\(seed)"),
        ]
        if !result.metrics.isEmpty {
            rows.append(("metrics", ""))
            rows += result.metrics.sorted { $0.key < $1.key }.map { ("  " + $0.key, String(format: "%.6g", $0.value)) }
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { name, value in
            value.isEmpty ? name : name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }.joined(separator: "\n")
    }
}
