import Core
import Foundation

/// The repository's `data/digits` directory, found from this source file.
let repositoryDigitsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data").appendingPathComponent("digits").path

/// A digits trial of `steps` momentum-SGD steps (64 rows each, 23 per epoch) on the repository's copy.
func digitsConfig(
    _ parameterization: ParameterizationKind = .maskWeight, steps: Int, weightDecay: Double = 0,
    schedule: WeightDecaySchedule = .constant
) -> TrialConfig {
    var c = TrialConfig()
    c.problem = .digits
    c.data = repositoryDigitsDirectory
    c.parameterization = parameterization
    c.depth = TrialConfig.defaultDepth(for: parameterization)
    c.optimizer = .momentum
    c.batchSize = 64
    c.learningRate = 0.1
    c.weightDecay = weightDecay
    c.schedule = schedule
    c.steps = steps
    c.curvePoints = 0
    return c
}

/// The digits set, loaded once for all tests.
let repositoryDigits: Result<ClassificationData, CoreError> = Result { () throws(CoreError) in
    try ClassificationData.digits(directory: repositoryDigitsDirectory)
}

/// Trains `config` on the shared digits set, as ``runTrial(_:seed:)`` does after loading it; `wallSeconds` is 0.
func trainDigits(_ config: TrialConfig, seed: UInt64) throws -> TrialResult {
    let trainer = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: seed)
    trainer.advance(to: trainer.config.steps)
    return trainer.result(wallSeconds: 0)
}
