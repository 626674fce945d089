/// Trains one sparse-regression trial step by step, with its state open to inspection.
///
/// ``runTrial(_:seed:)`` drives a trainer from step 0 to `config.steps`; tests and tools may
/// instead call ``advance(to:)`` in pieces and read ``x``, ``factor(_:)``, ``lambdaIntegral`` and
/// ``gradientIntegral`` in between. Step t evaluates f at x_t, sets λ_t = λ·schedule.factor(t),
/// updates the factors (chain rule, weight decay, then the (S)GD or heavy-ball update) and adds
/// η·λ_t to Λ.
///
/// Every buffer is allocated once in `init`; a step allocates nothing.
public final class Trainer {
    /// The configuration being trained.
    public let config: TrialConfig
    /// The steps at which ``advance(to:)`` records a ``CurvePoint`` (see ``curveSteps(points:steps:)``).
    public let curveSteps: [Int]
    /// The number of steps run so far; the factors and x are those after `step` updates.
    public private(set) var step = 0
    /// The step at which the loss became NaN or infinite, if it did.
    public private(set) var divergedAt: Int?
    /// Λ_t = η·Σ_{s<t} λ_s.
    public private(set) var lambdaIntegral = 0.0
    /// λ_s of the last step run (λ_0 before any step).
    public private(set) var lastWeightDecay: Double
    /// The curve points recorded so far.
    public private(set) var curves: [CurvePoint] = []

    let data: RegressionData
    let parameterization: Parameterization
    let gradientPath: LeastSquaresGradient
    let dimension: Int
    let samples: Int
    let batchSize: Int
    var sampler: MinibatchSampler?
    var nextCurve = 0

    /// −y, the training labels negated (see ``LeastSquaresGradient``).
    let negatedLabels: UnsafeMutableBufferPointer<Double>
    let factors: UnsafeMutableBufferPointer<Double>
    let velocity: UnsafeMutableBufferPointer<Double>?
    let predictor: UnsafeMutableBufferPointer<Double>
    let gradient: UnsafeMutableBufferPointer<Double>
    let residual: UnsafeMutableBufferPointer<Double>
    let testResidual: UnsafeMutableBufferPointer<Double>
    let batchDesign: UnsafeMutableBufferPointer<Double>
    /// −y of the current minibatch.
    let batchLabels: UnsafeMutableBufferPointer<Double>
    let scratch: UnsafeMutableBufferPointer<Double>
    let gradientSum: UnsafeMutableBufferPointer<Double>?

    /// Sets up training of `config` on `data` from x = 0.
    ///
    /// `seed` drives the minibatch stream (``MinibatchSampler``). With `recordsGradientIntegral`
    /// the trainer also keeps L_t = η·Σ_{s<t} ∇f(x_s) (minibatch gradients under SGD), which the
    /// mirror identity of RESEARCH.md is stated in; it costs d additions per step.
    public init(config: TrialConfig, data: RegressionData, seed: UInt64, recordsGradientIntegral: Bool = false) throws(CoreError) {
        try config.validate()
        let source = config.data ?? "generated data"
        let n = data.samples, d = data.dimension
        guard n >= 1, d >= 1, data.design.count == n * d, data.labels.count == n else {
            throw .dataShape(path: source, reason: "need n ≥ 1 rows of d ≥ 1 columns: Z has \(data.design.count) entries, y \(data.labels.count), n = \(n), d = \(d)")
        }
        guard data.truth.map({ $0.count == d }) ?? true, data.testDesign.count == data.testSamples * d else {
            throw .dataShape(path: source, reason: "x* must have d = \(d) entries and Z_test \(data.testSamples) × \(d)")
        }
        let usesMinibatches = config.optimizer != .gd && config.batchSize.map { $0 < n } ?? false
        if let b = config.batchSize, config.optimizer != .gd, b > n {
            throw .invalidField(field: "batch_size", value: String(b), allowed: "an integer from 1 to the number of samples (\(n))")
        }
        self.config = config
        self.data = data
        parameterization = Parameterization(kind: config.parameterization, depth: config.depth, regularizer: config.regularizer)
        dimension = d
        samples = n
        batchSize = usesMinibatches ? config.batchSize ?? n : n
        gradientPath = LeastSquaresGradient.forSize(rows: batchSize, columns: d)
        sampler = usesMinibatches ? MinibatchSampler(rows: n, batchSize: batchSize, seed: seed) : nil
        curveSteps = Core.curveSteps(points: config.curvePoints, steps: config.steps)
        lastWeightDecay = config.weightDecay * config.schedule.factor(at: 0, totalSteps: config.steps)

        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
            b.initialize(repeating: 0)
            return b
        }
        negatedLabels = buffer(n)
        for i in 0..<n { negatedLabels[i] = -data.labels[i] }
        factors = buffer(parameterization.factorCount * d)
        velocity = config.optimizer == .momentum ? buffer(parameterization.factorCount * d) : nil
        predictor = buffer(d)
        gradient = buffer(d)
        residual = buffer(n)
        testResidual = buffer(data.testSamples)
        batchDesign = buffer(usesMinibatches ? batchSize * d : 0)
        batchLabels = buffer(usesMinibatches ? batchSize : 0)
        scratch = buffer(config.depth)
        gradientSum = recordsGradientIntegral ? buffer(d) : nil
        parameterization.initialize(factors, dimension: d, scale: config.initScale)
        parameterization.predictor(UnsafeBufferPointer(factors), dimension: d, into: predictor)
    }

    deinit {
        for b in [negatedLabels, factors, predictor, gradient, residual, testResidual, batchDesign, batchLabels, scratch] {
            b.deallocate()
        }
        velocity?.deallocate()
        gradientSum?.deallocate()
    }

    /// Whether training has diverged.
    public var status: TrialStatus { divergedAt == nil ? .completed : .diverged }

    /// The current predictor x.
    public var x: [Double] { Array(predictor) }

    /// The number of factors (1 direct, 2 mask-weight and diff-of-powers, L hadamard).
    public var factorCount: Int { parameterization.factorCount }

    /// Factor `index` (m, w for mask-weight; w₁ … w_L for hadamard; u, v for diff-of-powers).
    public func factor(_ index: Int) -> [Double] {
        Array(factors[(index * dimension)..<((index + 1) * dimension)])
    }

    /// L_t = η·Σ_{s<t} ∇f(x_s), when the trainer was created with `recordsGradientIntegral`.
    public var gradientIntegral: [Double]? { gradientSum.map { Array($0) } }

    /// Runs steps until `step` reaches `target` (at most `config.steps`) or the loss diverges,
    /// recording curve points at ``curveSteps`` on the way.
    public func advance(to target: Int) {
        let end = min(target, config.steps)
        guard divergedAt == nil, step < end else { return }
        var t = step
        var lambdaSum = lambdaIntegral
        var lambdaT = lastWeightDecay
        var localSampler = sampler
        func save() {
            step = t
            lambdaIntegral = lambdaSum
            lastWeightDecay = lambdaT
        }
        let n = samples, d = dimension, b = batchSize
        let eta = config.learningRate, lambda = config.weightDecay
        let schedule = config.schedule, totalSteps = config.steps
        let x = predictor.baseAddress!, g = gradient.baseAddress!, r = residual.baseAddress!
        let y = negatedLabels.baseAddress!
        data.design.withUnsafeBufferPointer { design in
            while t < end {
                if nextCurve < curveSteps.count, curveSteps[nextCurve] == t {
                    save()
                    guard recordCurve() else { return }
                }
                let loss: Double
                if localSampler != nil {
                    localSampler!.nextBatch { rows in
                        for (k, row) in rows.enumerated() {
                            (batchDesign.baseAddress! + k * d).update(from: design.baseAddress! + row * d, count: d)
                            batchLabels[k] = y[row]
                        }
                    }
                    loss = gradientPath.evaluate(
                        design: batchDesign.baseAddress!, negatedLabels: batchLabels.baseAddress!,
                        rows: b, columns: d, x: x, residual: r, gradient: g)
                } else {
                    loss = gradientPath.evaluate(
                        design: design.baseAddress!, negatedLabels: y,
                        rows: n, columns: d, x: x, residual: r, gradient: g)
                }
                guard loss.isFinite else { return }
                lambdaT = lambda * schedule.factor(at: t, totalSteps: totalSteps)
                if let sum = gradientSum {
                    for i in 0..<d { sum[i] += eta * g[i] }
                }
                FactorStep(
                    parameterization: parameterization, dimension: d, learningRate: eta, weightDecay: lambdaT,
                    momentum: config.momentum, velocity: velocity?.baseAddress
                ).apply(factors: factors.baseAddress!, gradient: g, x: x, scratch: scratch.baseAddress!)
                lambdaSum += eta * lambdaT
                t += 1
            }
        }
        save()
        sampler = localSampler
        if t < end {
            divergedAt = t
        } else if nextCurve < curveSteps.count, curveSteps[nextCurve] == t {
            if !recordCurve() { divergedAt = t }
        } else if !trainLoss().isFinite {
            divergedAt = t
        }
    }

    /// Records the curve point of the current step; false when its training loss is not finite.
    private func recordCurve() -> Bool {
        let point = curveMetrics()
        guard point["train_loss"]?.isFinite ?? false else { return false }
        curves.append(CurvePoint(step: step, metrics: point))
        nextCurve += 1
        return true
    }
}
