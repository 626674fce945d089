/// Runs one classification trial (`digits`, `teacher-student`): loads or generates the data,
/// trains an ``MLPTrainer`` for `config.steps` steps and returns its result (`x` empty).
///
/// Digits come from ``DigitsLocation/directory(configured:)``; teacher–student data is generated
/// with `features` = `dimension`, `samples` training and `test_samples` test rows from
/// `config.dataSeed ?? seed`. `wallSeconds` covers data preparation and training.
func runClassificationTrial(_ config: TrialConfig, seed: UInt64, instructionSet: InstructionSet) throws(CoreError) -> TrialResult {
    let wall = WallClock()
    let data: ClassificationData
    if config.problem == .digits {
        data = try ClassificationData.digits(directory: try DigitsLocation.directory(configured: config.data))
    } else {
        data = ClassificationData.teacherStudent(
            features: config.dimension, trainSamples: config.samples, testSamples: config.testSamples,
            seed: config.dataSeed ?? seed)
    }
    let trainer = try MLPTrainer(config: config, data: data, seed: seed, instructionSet: instructionSet)
    trainer.train()
    return trainer.result(wallSeconds: wall.seconds)
}
