extension RegressionData {
    /// The data of a sparse-regression trial: loaded from `config.data` when set, otherwise
    /// generated with `config`'s n, d, k, σ and held-out rows from `config.dataSeed ?? seed`.
    public static func trialData(_ config: TrialConfig, seed: UInt64) throws(CoreError) -> RegressionData {
        if let directory = config.data { return try load(from: directory) }
        return generate(
            samples: config.samples, dimension: config.dimension, sparsity: config.sparsity,
            noise: config.noise, testSamples: config.testSamples, seed: config.dataSeed ?? seed)
    }
}
