import Core
import SweepSpecs

/// Trials `t0`, `t1`, … in grid order, with a noop configuration.
public func makeTrials(_ count: Int) -> [TrialSpec] {
    (0..<count).map { index in
        var config = TrialConfig()
        config.problem = .noop
        return TrialSpec(
            id: "t\(index)", index: index, config: config, seed: UInt64(index),
            axes: [AxisValue(name: "seed", value: "\(index)")])
    }
}

/// The deterministic result of a trial in these tests.
public func makeResult(for trialID: String) -> TrialResult {
    TrialResult(status: .completed, steps: 0, wallSeconds: 0, x: [], metrics: ["index": Double(trialID.dropFirst()) ?? -1], curves: [])
}
