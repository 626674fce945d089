/// Trains one matrix-sensing trial step by step, with its state open to inspection.
///
/// ``runTrial(_:seed:instructionSet:progress:)`` drives a trainer from step 0 to `config.steps`; tests and
/// tools may instead call ``advance(to:progress:)`` in pieces and read ``x``, ``factor(_:)`` and ``lambdaIntegral``
/// in between. Step t evaluates f(X_t) = (1/2m)Σ(⟨A_i, X_t⟩ − y_i)² and G = ∇_X f with
/// `ck_least_squares_gradient` over the stacked design (see ``SensingDesign``), sets λ_t =
/// λ·schedule.factor(t), computes every factor's gradient from the old factors
/// (`ck_matrix_multiply`, see ``MatrixFactorization``), adds the weight-decay term λ_t·θ to each, applies the GD or
/// heavy-ball update, rebuilds X and adds η·λ_t to Λ.
///
/// The factors are d × d (full width, so the rank of X is not limited by the model), except the
/// d × r factors of `lora` (``LoRAFactorization``, whose frozen base W₀ is drawn from
/// `seed ^ LoRAFactorization.baseSeedSalt`). Their initial entries α·N(0, 1)/√d come from a
/// ``Xoshiro256StarStar`` seeded with `seed ^ initSeedSalt`, a stream apart from the data's even
/// when the data are generated from the same seed.
///
/// Every buffer is allocated once in `init`; a step allocates nothing.
public final class MatrixSensingTrainer: StepwiseTrainer {
    /// XORed into the trial's seed to seed the factor initialization.
    public static let initSeedSalt: UInt64 = 0x4D41_5452_4958_494E

    /// The configuration being trained.
    public let config: TrialConfig
    /// The data trained on.
    public let data: MatrixSensingData
    /// The number of steps run so far; the factors and X are those after `step` updates.
    public private(set) var step = 0
    /// The step at which the loss became NaN or infinite, if it did.
    public internal(set) var divergedAt: Int?
    /// η·Σ_{s<t} λ_s, the plain sum; Λ_t with `gd` (``TrialConfig/effectiveLambdaIntegral(plain:)``).
    public private(set) var lambdaIntegral = 0.0
    /// λ_s of the last step run (λ_0 before any step).
    public private(set) var lastWeightDecay: Double

    let design: SensingDesign
    let factorization: MatrixFactorization
    let dimension: Int
    var curve: CurveRecorder

    /// −y (see ``LeastSquaresGradient``).
    let negatedLabels: UnsafeMutableBufferPointer<Double>
    let residual: UnsafeMutableBufferPointer<Double>
    /// X packed for the design.
    let packed: UnsafeMutableBufferPointer<Double>
    /// The design-space gradient.
    let packedGradient: UnsafeMutableBufferPointer<Double>
    /// X, d × d row-major.
    let matrix: UnsafeMutableBufferPointer<Double>
    /// G = ∇_X f, d × d row-major.
    let gradient: UnsafeMutableBufferPointer<Double>
    let factors: UnsafeMutableBufferPointer<Double>
    let factorGradients: UnsafeMutableBufferPointer<Double>
    let velocity: UnsafeMutableBufferPointer<Double>?
    let kernels: LeastSquaresGradient

    /// Sets up training of `config` (problem `matrix-sensing`) on `data`, with factors drawn from
    /// `seed`; the kernels run on `instructionSet`.
    public init(
        config: TrialConfig, data: MatrixSensingData, seed: UInt64, instructionSet: InstructionSet = .native
    ) throws(CoreError) {
        try config.validate()
        guard config.problem == .matrixSensing else {
            throw .invalidField(field: "problem", value: config.problem.rawValue, allowed: "matrix-sensing for a MatrixSensingTrainer")
        }
        let source = config.data ?? "generated data"
        let d = data.dimension, m = data.measurements
        guard d >= 1, m >= 1, data.sensing.count == m * d * d, data.labels.count == m else {
            throw .dataShape(path: source, reason: "need m ≥ 1 measurement matrices of size d × d, d ≥ 1: A has \(data.sensing.count) entries, y \(data.labels.count), m = \(m), d = \(d)")
        }
        guard data.truth.map({ $0.count == d * d }) ?? true else {
            throw .dataShape(path: source, reason: "X_star must have d² = \(d * d) entries, found \(data.truth?.count ?? 0)")
        }
        var lora: LoRAFactorization?
        if config.model == .lora {
            let loraRank = config.loraRank ?? 2
            guard loraRank <= d, config.rank <= d else {
                throw .invalidField(
                    field: loraRank > d ? "lora_rank" : "rank", value: String(max(loraRank, config.rank)),
                    allowed: "an integer from 1 to the data's dimension (\(d)) for model lora")
            }
            let base = LoRAFactorization.base(dimension: d, baseRank: config.rank, seed: seed)
            lora = LoRAFactorization(dimension: d, rank: loraRank, base: base, isa: instructionSet.isa)
        }
        self.config = config
        self.data = data
        dimension = d
        design = SensingDesign(data)
        kernels = LeastSquaresGradient(isa: instructionSet.isa)
        factorization = MatrixFactorization(
            model: config.model, dimension: d, depth: config.depth, symmetricGradient: design.isPacked, lora: lora, isa: instructionSet.isa)
        curve = CurveRecorder(config)
        lastWeightDecay = config.weightDecay(atStep: 0)

        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
            b.initialize(repeating: 0)
            return b
        }
        let size = d * d, parameters = factorization.parameterCount
        negatedLabels = buffer(m)
        for i in 0..<m { negatedLabels[i] = -data.labels[i] }
        residual = buffer(m)
        packed = buffer(design.columns)
        packedGradient = buffer(design.columns)
        matrix = buffer(size)
        gradient = buffer(size)
        factors = buffer(parameters)
        factorGradients = buffer(parameters)
        velocity = config.optimizer == .momentum ? buffer(parameters) : nil
        var rng = Xoshiro256StarStar(seed: seed ^ Self.initSeedSalt)
        factorization.initialize(factors, scale: config.initScale, kind: config.factorInit ?? .gaussian, rng: &rng)
        factorization.product(factors.baseAddress!, into: matrix.baseAddress!)
    }

    deinit {
        for b in [negatedLabels, residual, packed, packedGradient, matrix, gradient, factors, factorGradients] {
            b.deallocate()
        }
        velocity?.deallocate()
    }

    /// The steps at which ``advance(to:progress:)`` records a ``CurvePoint`` (see ``curveSteps(points:steps:)``).
    public var curveSteps: [Int] { curve.positions }

    /// The curve points recorded so far.
    public var curves: [CurvePoint] { curve.points }

    /// The current X, d × d row-major.
    public var x: [Double] { Array(matrix) }

    /// The number of factors: 1 for direct and uu, 2 for uv and lora, L for deep.
    public var factorCount: Int { factorization.factorCount }

    /// Factor `index` row-major: W (direct); U (uu); U, V (uv); W_1 … W_L (deep), each d × d;
    /// B, A (lora), each d × r.
    public func factor(_ index: Int) -> [Double] {
        let size = factorization.parameterCount / factorization.factorCount
        return Array(factors[(index * size)..<((index + 1) * size)])
    }

    /// The frozen base W₀ of the lora model (d × d row-major); nil for the other models.
    public var loraBase: [Double]? { factorization.lora?.base }

    /// Runs steps until `step` reaches `target` (at most `config.steps`) or the loss diverges,
    /// recording curve points at ``curveSteps`` on the way and passing each to `progress`.
    ///
    /// `progress` only observes: results are the same bits with or without it.
    public func advance(to target: Int, progress: ((TrialProgress) -> Void)? = nil) {
        let end = min(target, config.steps)
        guard divergedAt == nil, step < end else { return }
        let m = design.rows, p = design.columns
        let eta = config.learningRate, lambda = config.weightDecay, mu = config.momentum
        let schedule = config.schedule, totalSteps = config.steps
        let gradientPath = kernels
        let a = UnsafePointer(design.matrix.baseAddress!), y = UnsafePointer(negatedLabels.baseAddress!)
        let x = matrix.baseAddress!, v = packed.baseAddress!, gv = packedGradient.baseAddress!
        let g = gradient.baseAddress!, theta = factors.baseAddress!, grads = factorGradients.baseAddress!
        let r = residual.baseAddress!, count = factors.count
        while step < end {
            if curve.isDue(at: step) {
                guard recordCurve(progress) else {
                    divergedAt = step
                    return
                }
            }
            design.pack(x, into: v)
            let loss = gradientPath.evaluate(design: a, stride: p, negatedLabels: y, rows: m, columns: p, x: v, residual: r, gradient: gv)
            guard loss.isFinite else {
                divergedAt = step
                return
            }
            design.unpack(gv, into: g)
            let lambdaT = lambda * schedule.factor(at: step, totalSteps: totalSteps)
            factorization.gradients(theta, g, into: grads)
            if let velocity = velocity?.baseAddress {
                for k in 0..<count {
                    let w = mu * velocity[k] + (grads[k] + lambdaT * theta[k])
                    velocity[k] = w
                    theta[k] -= eta * w
                }
            } else {
                for k in 0..<count {
                    theta[k] -= eta * (grads[k] + lambdaT * theta[k])
                }
            }
            factorization.product(theta, into: x)
            lambdaIntegral += eta * lambdaT
            lastWeightDecay = lambdaT
            step += 1
        }
        checkEnd(progress)
    }
}
