extension ClassificationData {
    /// The data of a classification trial (`digits`, `teacher-student`).
    ///
    /// Digits come from ``DigitsLocation/directory(configured:)``; teacher–student data is generated
    /// with `features` = `dimension`, `samples` training and `test_samples` test rows from
    /// `config.dataSeed ?? seed`.
    static func trialData(_ config: TrialConfig, seed: UInt64) throws(CoreError) -> ClassificationData {
        if config.problem == .digits {
            return try ClassificationData.digits(directory: try DigitsLocation.directory(configured: config.data))
        }
        return ClassificationData.teacherStudent(
            features: config.dimension, trainSamples: config.samples, testSamples: config.testSamples,
            seed: config.dataSeed ?? seed)
    }
}
