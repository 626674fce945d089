import Core

/// A matrix-sensing configuration with curves off unless a test wants them.
func sensingConfig(
    _ model: MatrixModelKind = .uu, dimension: Int = 10, rank: Int = 2, measurements: Int = 120, depth: Int = 2,
    initScale: Double, learningRate: Double, weightDecay: Double = 0, schedule: WeightDecaySchedule = .constant, steps: Int
) -> TrialConfig {
    var c = TrialConfig()
    c.problem = .matrixSensing
    c.model = model
    c.dimension = dimension
    c.rank = rank
    c.measurements = measurements
    c.dataSeed = 11
    return c.training(
        depth: depth, initScale: initScale, learningRate: learningRate, weightDecay: weightDecay, schedule: schedule, steps: steps)
}

/// The data `config` trains on when generated.
func sensingData(_ config: TrialConfig) -> MatrixSensingData {
    MatrixSensingData.generate(
        dimension: config.dimension, rank: config.rank, measurements: config.measurements, noise: config.noise,
        seed: config.dataSeed!)
}

/// C = Aᵀ B (transposeFirst) or A Bᵀ (otherwise) for d × d row-major matrices, computed plainly.
func plainProduct(_ a: [Double], _ b: [Double], dimension d: Int, transposeFirst: Bool) -> [Double] {
    var c = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
        for j in 0..<d {
            var s = 0.0
            for k in 0..<d {
                s += transposeFirst ? a[k * d + i] * b[k * d + j] : a[i * d + k] * b[j * d + k]
            }
            c[i * d + j] = s
        }
    }
    return c
}

/// ‖a‖_F of a flat matrix.
func frobenius(_ a: [Double]) -> Double { a.reduce(0.0) { $0 + $1 * $1 }.squareRoot() }

/// a − b entrywise.
func difference(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
