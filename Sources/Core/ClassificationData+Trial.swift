extension ClassificationData {
    /// The data of a classification trial (`digits`, `teacher-student`, `mnist1d`).
    ///
    /// Digits and MNIST-1D are read from the directory ``DataLocation/directory(name:marker:configured:)``
    /// finds (`data/digits`, `data/mnist1d`); teacher–student data is generated with `features` =
    /// `dimension`, `samples` training and `test_samples` test rows from `config.dataSeed ?? seed`.
    static func trialData(_ config: TrialConfig, seed: UInt64) throws(CoreError) -> ClassificationData {
        switch config.problem {
        case .digits:
            return try ClassificationData.digits(
                directory: try DataLocation.directory(name: "digits", marker: digitsFileName, configured: config.data))
        case .mnist1d:
            return try ClassificationData.mnist1d(
                directory: try DataLocation.directory(name: "mnist1d", marker: mnist1dFileNames.trainInputs, configured: config.data))
        default:
            return ClassificationData.teacherStudent(
                features: config.dimension, trainSamples: config.samples, testSamples: config.testSamples,
                seed: config.dataSeed ?? seed)
        }
    }
}
