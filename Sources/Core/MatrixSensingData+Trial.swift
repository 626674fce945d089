extension MatrixSensingData {
    /// The data of a matrix-sensing trial: loaded from `config.data` when set, otherwise generated
    /// with `config`'s d, rank, m and σ from `config.dataSeed ?? seed`, by `config.design`.
    public static func trialData(_ config: TrialConfig, seed: UInt64) throws(CoreError) -> MatrixSensingData {
        if let directory = config.data { return try load(from: directory) }
        if config.design == .commuting {
            return generateCommuting(
                dimension: config.dimension, rank: config.rank, measurements: config.measurements,
                noise: config.noise, seed: config.dataSeed ?? seed)
        }
        return generate(
            dimension: config.dimension, rank: config.rank, measurements: config.measurements,
            noise: config.noise, seed: config.dataSeed ?? seed)
    }
}
