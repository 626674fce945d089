/// Runs one trial: a pure function of the configuration and the seed.
public func runTrial(_ config: TrialConfig, seed: UInt64) throws(CoreError) -> TrialResult {
    try config.validate()
    switch config.problem {
    case .noop:
        return TrialResult(status: .completed, steps: 0, wallSeconds: 0, x: [], metrics: ["seed": Double(seed)], curves: [])
    case .sparseRegression:
        fatalError("sparse regression training is not wired yet")
    }
}
