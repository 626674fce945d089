import Core
import Foundation
import Journaling
import Logging
import SweepSpecs

/// A fresh run directory under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryRunDirectory {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("mirrorsweep-journal-\(UUID().uuidString)")
    }

    var journalPath: String { (path as NSString).appendingPathComponent(Journal.fileName) }

    func open() throws -> Journal {
        try Journal.open(runDirectory: path, toolVersion: "test", logger: Logger(label: "journal-tests"))
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Trials whose ids are `ids`, in that grid order, with distinct configurations.
func makeJournalTrials(_ ids: [String]) -> [TrialSpec] {
    ids.enumerated().map { index, id in
        var config = TrialConfig()
        config.weightDecay = Double(id.count) / 100
        config.steps = 100 + index
        return TrialSpec(
            id: id, index: index, config: config, seed: id == "big" ? UInt64.max : UInt64(index),
            axes: [AxisValue(name: "weight_decay", value: "\(config.weightDecay)"), AxisValue(name: "id", value: id)])
    }
}

/// A result with curves and metrics, distinct per `value`.
func makeJournalResult(_ value: Double) -> TrialResult {
    TrialResult(
        status: .completed, steps: 10, wallSeconds: 0.5, x: [value, -value, 0],
        metrics: ["train_loss": value, "sparsity": 0.5],
        curves: [CurvePoint(step: 1, metrics: ["train_loss": value * 2])])
}
