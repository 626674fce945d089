import Core
import Foundation
@testable import Journaling
@testable import Reporting
@testable import SweepSpecs

/// Hand-made records shaped like the quickstart switch-off sweep: (λ, schedule) ∈ {(0, constant),
/// (0.05, constant), (0.05, off-at:2000/4000/6000)} × (mask-weight, depth 2), (hadamard, depth 3)
/// × 3 seeds, with curves at the quickstart's log-spaced steps. Seed 2 of hadamard off-at:6000
/// failed; everything else completed.
enum SwitchOffFixture {
    static let schedules: [(weightDecay: String, schedule: String)] = [
        ("0", "constant"), ("0.05", "constant"), ("0.05", "off-at:2000"), ("0.05", "off-at:4000"), ("0.05", "off-at:6000"),
    ]
    static let parameterizations: [(name: String, depth: String)] = [("mask-weight", "2"), ("hadamard", "3")]
    static let seeds: [UInt64] = [0, 1, 2]
    static let steps = 50_000
    static let failure = "worker w-2 lost: no heartbeat for 30 s"

    /// The number of configurations (10) and trials (30).
    static var configurationCount: Int { schedules.count * parameterizations.count }

    static var records: [TrialRecord] {
        var records: [TrialRecord] = []
        for (s, schedule) in schedules.enumerated() {
            for (p, parameterization) in parameterizations.enumerated() {
                for seed in seeds {
                    let index = records.count
                    var config = TrialConfig()
                    config.weightDecay = Double(schedule.weightDecay)!
                    config.schedule = try! WeightDecaySchedule(parsing: schedule.schedule)
                    config.parameterization = p == 0 ? .maskWeight : .hadamard
                    config.depth = Int(parameterization.depth)!
                    config.steps = steps
                    let spec = TrialSpec(id: "trial\(index)", index: index, config: config, seed: seed, axes: [
                        AxisValue(name: "weight_decay", value: schedule.weightDecay),
                        AxisValue(name: "schedule", value: schedule.schedule),
                        AxisValue(name: "parameterization", value: parameterization.name),
                        AxisValue(name: "depth", value: parameterization.depth),
                    ])
                    let outcome: TrialOutcome = s == 4 && p == 1 && seed == 2
                        ? .failed(message: failure, attempts: 3)
                        : .done(result(schedule: s, parameterization: p, seed: seed))
                    records.append(TrialRecord(spec: spec, outcome: outcome))
                }
            }
        }
        return records
    }

    /// Plausible numbers: λ = 0 recovers poorly and is dense, constant λ is sparse but biased,
    /// switching off gives small errors that grow with the switch-off step.
    static func result(schedule s: Int, parameterization p: Int, seed: UInt64) -> TrialResult {
        let jitter = 1 + 0.12 * (Double(seed) - 1)
        let finalError: Double = [0.62 + 0.2 * Double(p), 0.21 + 0.03 * Double(p), 2e-3, 9e-4, 5e-4][s] * jitter
        let sparsity: Double = [0.12 + 0.3 * Double(p), 0.95, 0.95, 0.95, 0.94 - 0.01 * Double(p)][s] + 0.01 * (Double(seed) - 1)
        let switchOff = [nil, nil, 2000, 4000, 6000][s]
        let plateau = s == 0 ? 0.0 : 0.02 * (1 + Double(p))
        let bias = s == 0 ? finalError : (0.21 + 0.03 * Double(p)) * jitter
        let curves = curveSteps(points: 40, steps: steps).map { step -> CurvePoint in
            let t = Double(step)
            var loss = 0.8 / (1 + t / 50) + plateau
            var error = bias + 1.4 / (1 + t / 300)
            if let switchOff, step >= switchOff {
                let decay = exp(-(t - Double(switchOff)) / 1500)
                let before = bias + 1.4 / (1 + Double(switchOff) / 300)
                loss = 1e-9 + plateau * decay
                error = finalError + (before - finalError) * decay
            }
            return CurvePoint(step: step, metrics: ["train_loss": loss * jitter, "recovery_error": error, "l1": 5, "nonzeros": 5])
        }
        let metrics = ["recovery_error": finalError, "test_mse": finalError * finalError * 1.1, "sparsity": sparsity,
                       "train_loss": curves.last!.metrics["train_loss"]!, "nonzeros": (1 - sparsity) * 100]
        return TrialResult(status: .completed, steps: steps, wallSeconds: 2.5 + Double(p), x: [], metrics: metrics, curves: curves)
    }

    static let sweep = JournalSweep(name: "quickstart", specText: "name: quickstart\nseeds: 3\n",
                                    createdAt: 1_795_000_000, updatedAt: 1_795_000_600)

    static let metadata = ReportMetadata(
        sweep: sweep, toolVersion: "0.1.0",
        machine: ReportMachine(hostName: "lab-1", cpuModel: "Example CPU @ 3.0GHz", cores: 2))
}

/// Counting helpers for SVG and HTML text.
enum Markup {
    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// How many elements carry `className` among their classes (`class="a b"` counts for `a` and `b`).
    static func elements(withClass className: String, in text: String) -> Int {
        var total = 0
        for piece in text.components(separatedBy: "class=\"").dropFirst() {
            guard let end = piece.firstIndex(of: "\"") else { continue }
            if piece[..<end].split(separator: " ").contains(Substring(className)) { total += 1 }
        }
        return total
    }
}
