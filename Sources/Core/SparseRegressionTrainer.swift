/// Trains one sparse-regression trial step by step, with its state open to inspection.
///
/// ``runTrial(_:seed:progress:)`` drives a trainer from step 0 to `config.steps`; tests and tools
/// may instead call ``advance(to:progress:)`` in pieces and read ``x``, ``factor(_:)``, ``lambdaIntegral`` and
/// ``gradientIntegral`` in between. Step t evaluates f at x_t, sets λ_t = λ·schedule.factor(t),
/// updates the factors (chain rule, weight decay, then the (S)GD or heavy-ball update) and adds
/// η·λ_t to Λ.
///
/// Every buffer is allocated once in `init` (64-byte aligned, for the vector kernels of CKernels);
/// a step allocates nothing. A design of at most ``LeastSquaresGradient/packedLimit`` doubles is
/// copied into aligned rows; a larger one is read in place.
public final class SparseRegressionTrainer: StepwiseTrainer {
    /// The configuration being trained.
    public let config: TrialConfig
    /// The number of steps run so far; the factors and x are those after `step` updates.
    public internal(set) var step = 0
    /// The step at which the loss became NaN or infinite, if it did.
    public internal(set) var divergedAt: Int?
    /// η·Σ_{s<t} λ_s, the plain sum; Λ_t with `gd` and `sgd` (``TrialConfig/effectiveLambdaIntegral(plain:)``).
    public internal(set) var lambdaIntegral = 0.0
    /// λ_s of the last step run (λ_0 before any step).
    public internal(set) var lastWeightDecay: Double

    let data: RegressionData
    /// x_init when it is not 0 (`config.xInit`), for the prediction's centre.
    let start: [Double]?
    let parameterization: Parameterization
    let kernels: LeastSquaresGradient
    let dimension: Int
    let samples: Int
    let batchSize: Int
    var sampler: MinibatchSampler?
    var curve: CurveRecorder

    /// −y, the training labels negated (see ``LeastSquaresGradient``).
    let negatedLabels: UnsafeMutableBufferPointer<Double>
    /// Z in 64-byte-aligned rows of `packedStride` doubles, when it is small enough to copy.
    let packedDesign: UnsafeMutableBufferPointer<Double>?
    let packedStride: Int
    let factors: UnsafeMutableBufferPointer<Double>
    let velocity: UnsafeMutableBufferPointer<Double>?
    let predictor: UnsafeMutableBufferPointer<Double>
    let gradient: UnsafeMutableBufferPointer<Double>
    let residual: UnsafeMutableBufferPointer<Double>
    let testResidual: UnsafeMutableBufferPointer<Double>
    /// The minibatch rows of Z, `packedStride` doubles apart.
    let batchDesign: UnsafeMutableBufferPointer<Double>
    /// −y of the current minibatch.
    let batchLabels: UnsafeMutableBufferPointer<Double>
    let scratch: UnsafeMutableBufferPointer<Double>
    let gradientSum: UnsafeMutableBufferPointer<Double>?

    /// Sets up training of `config` on `data` from x = `config.xInit` (0 by default).
    ///
    /// `seed` drives the minibatch stream (``MinibatchSampler``) and a Gaussian start
    /// (``InitialPoint``). With `recordsGradientIntegral` the trainer also keeps
    /// L_t = η·Σ_{s<t} ∇f(x_s) (minibatch gradients under SGD), which the mirror identity of
    /// RESEARCH.md is stated in; it costs d additions per step.
    public convenience init(
        config: TrialConfig, data: RegressionData, seed: UInt64, recordsGradientIntegral: Bool = false
    ) throws(CoreError) {
        try self.init(config: config, data: data, seed: seed, recordsGradientIntegral: recordsGradientIntegral, kernels: .native)
    }

    /// As the public initializer, with the kernels' instruction set chosen by the caller; without
    /// `packsDesign` the design is never copied (a ``TrialBatch`` evaluates it for its trainers).
    init(
        config: TrialConfig, data: RegressionData, seed: UInt64, recordsGradientIntegral: Bool,
        kernels: LeastSquaresGradient, packsDesign: Bool = true
    ) throws(CoreError) {
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
        start = config.xInit.isZero ? nil : config.xInit.values(dimension: d, seed: seed)
        parameterization = Parameterization(kind: config.parameterization, depth: config.depth, regularizer: config.regularizer)
        dimension = d
        samples = n
        batchSize = usesMinibatches ? config.batchSize ?? n : n
        self.kernels = kernels
        sampler = usesMinibatches ? MinibatchSampler(rows: n, batchSize: batchSize, seed: seed) : nil
        curve = CurveRecorder(config)
        lastWeightDecay = config.weightDecay(atStep: 0)

        packedStride = LeastSquaresGradient.stride(columns: d)
        packedDesign = packsDesign && !usesMinibatches ? KernelBuffers.packedDesign(data) : nil
        negatedLabels = KernelBuffers.negatedLabels(data)
        factors = KernelBuffers.aligned(parameterization.factorCount * d)
        velocity = config.optimizer == .momentum ? KernelBuffers.aligned(parameterization.factorCount * d) : nil
        predictor = KernelBuffers.aligned(d)
        gradient = KernelBuffers.aligned(d)
        residual = KernelBuffers.aligned(n)
        testResidual = KernelBuffers.aligned(data.testSamples)
        batchDesign = KernelBuffers.aligned(usesMinibatches ? batchSize * packedStride : 0)
        batchLabels = KernelBuffers.aligned(usesMinibatches ? batchSize : 0)
        scratch = KernelBuffers.aligned(FactorStep.scratchCount(parameterization))
        gradientSum = recordsGradientIntegral ? KernelBuffers.aligned(d) : nil
        if let start {
            parameterization.initialize(factors, dimension: d, scale: config.initScale, start: start)
        } else {
            parameterization.initialize(factors, dimension: d, scale: config.initScale)
        }
        parameterization.predictor(UnsafeBufferPointer(factors), dimension: d, into: predictor)
    }

    deinit {
        let owned = [negatedLabels, factors, predictor, gradient, residual, testResidual, batchDesign, batchLabels, scratch]
        for b in owned + [packedDesign, velocity, gradientSum].compactMap(\.self) {
            UnsafeMutableRawPointer(b.baseAddress!).deallocate()
        }
    }

    /// The steps at which ``advance(to:progress:)`` records a ``CurvePoint`` (see ``curveSteps(points:steps:)``).
    public var curveSteps: [Int] { curve.positions }

    /// The curve points recorded so far.
    public var curves: [CurvePoint] { curve.points }

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
    /// recording curve points at ``curveSteps`` on the way and passing each to `progress`.
    ///
    /// Between two curve points the steps run without a check; `progress` only observes, so
    /// results are the same bits with or without it.
    public func advance(to target: Int, progress: ((TrialProgress) -> Void)? = nil) {
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
        let eta = config.learningRate
        let x = predictor.baseAddress!, g = gradient.baseAddress!, r = residual.baseAddress!
        let y = negatedLabels.baseAddress!
        let s = packedStride
        data.design.withUnsafeBufferPointer { design in
            let full = packedDesign.map { UnsafePointer($0.baseAddress!) } ?? design.baseAddress!
            let fullStride = packedDesign == nil ? d : s
            while t < end {
                if curve.isDue(at: t) {
                    save()
                    guard recordCurve(progress) else { return }
                }
                let stop = max(t + 1, min(curve.nextPosition ?? end, end))
                while t < stop {
                    let loss: Double
                    if localSampler != nil {
                        localSampler!.nextBatch { rows in
                            for (k, row) in rows.enumerated() {
                                (batchDesign.baseAddress! + k * s).update(from: design.baseAddress! + row * d, count: d)
                                batchLabels[k] = y[row]
                            }
                        }
                        loss = kernels.evaluate(
                            design: batchDesign.baseAddress!, stride: s, negatedLabels: batchLabels.baseAddress!,
                            rows: b, columns: d, x: x, residual: r, gradient: g)
                    } else {
                        loss = kernels.evaluate(
                            design: full, stride: fullStride, negatedLabels: y,
                            rows: n, columns: d, x: x, residual: r, gradient: g)
                    }
                    guard loss.isFinite else { return }
                    lambdaT = update(step: t)
                    lambdaSum += eta * lambdaT
                    t += 1
                }
            }
        }
        save()
        sampler = localSampler
        if t < end {
            divergedAt = t
        } else {
            checkEnd(progress)
        }
    }

    /// Step t's update from ∇f(x_t) in `gradient`: L_t when recorded, then the factor step with
    /// λ_t, and x rebuilt. Returns λ_t; the caller adds η·λ_t to Λ and counts the step.
    @inline(__always)
    func update(step t: Int) -> Double {
        let eta = config.learningRate, g = gradient.baseAddress!
        let lambdaT = weightDecay(at: t)
        if let sum = gradientSum {
            for i in 0..<dimension { sum[i] += eta * g[i] }
        }
        FactorStep(
            parameterization: parameterization, kernels: kernels, dimension: dimension, learningRate: eta, weightDecay: lambdaT,
            momentum: config.momentum, velocity: velocity?.baseAddress
        ).apply(factors: factors.baseAddress!, gradient: g, x: predictor.baseAddress!, scratch: scratch.baseAddress!)
        return lambdaT
    }

    /// λ_t = λ·schedule.factor(t).
    @inline(__always)
    func weightDecay(at t: Int) -> Double {
        config.weightDecay(atStep: t)
    }
}
