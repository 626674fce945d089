import Core

/// The paper-sized sparse regression problem (d = 100, n = 40, k = 5, σ = 0) on data seed 5,
/// whose nonzeros of x* all exceed 0.3 in magnitude, with curves off unless a test wants them.
func regressionConfig(
    _ parameterization: ParameterizationKind = .maskWeight, depth: Int = 2, initScale: Double = 1,
    learningRate: Double = 0.02, weightDecay: Double = 0, schedule: WeightDecaySchedule = .constant, steps: Int
) -> TrialConfig {
    var c = TrialConfig()
    c.dataSeed = 5
    c.testSamples = 0
    c.parameterization = parameterization
    return c.training(
        depth: depth, initScale: initScale, learningRate: learningRate, weightDecay: weightDecay, schedule: schedule, steps: steps)
}

extension TrialConfig {
    /// This configuration trained at depth `depth` from `initScale` with η = `learningRate`,
    /// λ = `weightDecay` on `schedule`, for `steps` steps, with curves off.
    func training(
        depth: Int, initScale: Double, learningRate: Double, weightDecay: Double, schedule: WeightDecaySchedule, steps: Int
    ) -> TrialConfig {
        var c = self
        c.depth = depth
        c.initScale = initScale
        c.learningRate = learningRate
        c.weightDecay = weightDecay
        c.schedule = schedule
        c.steps = steps
        c.curvePoints = 0
        return c
    }
}

/// The data `regressionConfig` trains on.
func regressionData(testSamples: Int = 0) -> RegressionData {
    RegressionData.generate(samples: 40, dimension: 100, sparsity: 5, noise: 0, testSamples: testSamples, seed: 5)
}

/// The bit patterns of `values`, for bit-for-bit comparisons.
func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

/// The bit patterns of a metrics dictionary.
func bits(_ metrics: [String: Double]) -> [String: UInt64] { metrics.mapValues(\.bitPattern) }

/// Runs `trainer` one step at a time up to `steps`, passing each step's gradient ∇f(x_t)
/// (recovered from the recorded gradient integral L_t, so the trainer must record it).
func stepOneByOne(_ trainer: SparseRegressionTrainer, to steps: Int, _ body: (_ gradient: [Double]) -> Void) {
    let eta = trainer.config.learningRate
    var previous = trainer.gradientIntegral!
    while trainer.step < steps {
        trainer.advance(to: trainer.step + 1)
        let current = trainer.gradientIntegral!
        body(zip(current, previous).map { ($0 - $1) / eta })
        previous = current
    }
}
