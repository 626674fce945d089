/// Runs one trial: a pure function of the configuration and the seed (apart from `wallSeconds`).
///
/// Builds the ``TrialTrainer`` of `config.problem` (``trialTrainer(_:seed:instructionSet:)``),
/// advances it to `config.steps` and returns its result. `wallSeconds` covers data preparation
/// and training, on a monotonic clock. `progress`, when given, is called synchronously at every
/// curve point with steps ascending, for every problem kind; it observes only, so the result is
/// the same with or without it. The kernels run on `instructionSet`, which changes the speed but
/// never the result.
public func runTrial(
    _ config: TrialConfig, seed: UInt64, instructionSet: InstructionSet = .native,
    progress: ((TrialProgress) -> Void)? = nil
) throws(CoreError) -> TrialResult {
    try config.validate()
    let wall = WallClock()
    guard let trainer = try trialTrainer(config, seed: seed, instructionSet: instructionSet) else {
        return TrialResult(status: .completed, steps: 0, wallSeconds: 0, x: [], metrics: ["seed": Double(seed)], curves: [])
    }
    trainer.advance(to: config.steps, progress: progress)
    return trainer.result(wallSeconds: wall.seconds)
}

/// The trainer of `config`'s problem at step 0, on its data; nil for `noop`, which trains nothing.
///
/// The data are each problem's `trialData(_:seed:)`: ``RegressionData/trialData(_:seed:)``,
/// ``MatrixSensingData/trialData(_:seed:)``, ``ClassificationData/trialData(_:seed:)``.
func trialTrainer(
    _ config: TrialConfig, seed: UInt64, instructionSet: InstructionSet
) throws(CoreError) -> (any TrialTrainer)? {
    switch config.problem {
    case .noop:
        return nil
    case .sparseRegression:
        return try SparseRegressionTrainer(
            config: config, data: try RegressionData.trialData(config, seed: seed), seed: seed, recordsGradientIntegral: false,
            kernels: LeastSquaresGradient(isa: instructionSet.isa))
    case .matrixSensing:
        return try MatrixSensingTrainer(
            config: config, data: try MatrixSensingData.trialData(config, seed: seed), seed: seed, instructionSet: instructionSet)
    case .digits, .teacherStudent, .mnist1d:
        let data = try ClassificationData.trialData(config, seed: seed)
        return try MLPTrainer(config: config, data: data, seed: seed, instructionSet: instructionSet)
    }
}
