/// Runs one trial: a pure function of the configuration and the seed (apart from `wallSeconds`).
///
/// Sparse regression loads `config.data` when set, otherwise generates the data from
/// `config.dataSeed ?? seed`, then trains a ``SparseRegressionTrainer`` for `config.steps` steps.
/// `wallSeconds` covers data preparation and training, on a monotonic clock. `progress`, when
/// given, is called synchronously at every curve point (``SparseRegressionTrainer/curveSteps``) with steps
/// ascending; it observes only, so the result is the same with or without it. The kernels run on
/// `instructionSet`, which changes the speed but never the result.
public func runTrial(
    _ config: TrialConfig, seed: UInt64, instructionSet: InstructionSet = .native,
    progress: ((TrialProgress) -> Void)? = nil
) throws(CoreError) -> TrialResult {
    try config.validate()
    switch config.problem {
    case .noop:
        return TrialResult(status: .completed, steps: 0, wallSeconds: 0, x: [], metrics: ["seed": Double(seed)], curves: [])
    case .sparseRegression:
        let wall = WallClock()
        let data: RegressionData
        if let directory = config.data {
            data = try RegressionData.load(from: directory)
        } else {
            data = RegressionData.generate(
                samples: config.samples, dimension: config.dimension, sparsity: config.sparsity,
                noise: config.noise, testSamples: config.testSamples, seed: config.dataSeed ?? seed)
        }
        let trainer = try SparseRegressionTrainer(
            config: config, data: data, seed: seed, recordsGradientIntegral: false,
            kernels: LeastSquaresGradient(isa: instructionSet.isa))
        trainer.advance(to: config.steps, progress: progress)
        return trainer.result(wallSeconds: wall.seconds)
    case .matrixSensing:
        let wall = WallClock()
        let data: MatrixSensingData
        if let directory = config.data {
            data = try MatrixSensingData.load(from: directory)
        } else {
            data = MatrixSensingData.generate(
                dimension: config.dimension, rank: config.rank, measurements: config.measurements,
                noise: config.noise, seed: config.dataSeed ?? seed)
        }
        let trainer = try MatrixSensingTrainer(config: config, data: data, seed: seed, instructionSet: instructionSet)
        trainer.advance(to: config.steps)
        return trainer.result(wallSeconds: wall.seconds)
    case .digits, .teacherStudent:
        return try runClassificationTrial(config, seed: seed, instructionSet: instructionSet)
    }
}
