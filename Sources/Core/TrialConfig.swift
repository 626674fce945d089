/// The problem a trial trains on.
public enum ProblemKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// Sparse regression y = Z x* + σε (RESEARCH.md), generated from a seed or loaded from `data`.
    case sparseRegression = "sparse-regression"
    /// No training at all: measures the sweep machinery's own overhead.
    case noop
    /// Matrix sensing y_i = ⟨A_i, X*⟩ with X* = U*U*ᵀ of rank r (RESEARCH.md), generated or loaded from `data`.
    case matrixSensing = "matrix-sensing"
    /// An MLP classifying the 8×8 handwritten digits (``ClassificationData/digits(directory:)``).
    case digits
    /// An MLP learning a random teacher network's labels (``ClassificationData/teacherStudent(features:trainSamples:testSamples:seed:)``).
    case teacherStudent = "teacher-student"
    /// An MLP classifying the MNIST-1D sequences (``ClassificationData/mnist1d(directory:)``).
    case mnist1d
}

/// How the predictor x is built from the trained parameters.
public enum ParameterizationKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// x = w.
    case direct
    /// x = m ⊙ w with the PILoT initialization.
    case maskWeight = "mask-weight"
    /// x = w₁ ⊙ … ⊙ w_L.
    case hadamard
    /// x = u^L − v^L, elementwise.
    case diffOfPowers = "diff-of-powers"
    /// x = sign(w)·max(|w| − sigmoid(s_l), 0) with one learned threshold s_l per layer (STR,
    /// Kusupati et al. 2020); MLP classifiers only.
    case str
}

/// The weight-decay penalty applied to every factor.
public enum RegularizerKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// (λ/2)·Σ‖θ‖² over all factors.
    case l2
    /// (λ/2)·Σ|θ|^L over all factors. Mirror-flow-compatible for `diff-of-powers` (x = u^L − v^L:
    /// S = u^{2−L} + v^{2−L} shifts by L(L−2)·Λ whatever the state) and identical to `l2` at L = 2;
    /// **not** for `hadamard` at L ≥ 3, whose differences w_j² − w_k² then move by
    /// −λL(|w_j|^L − |w_k|^L), depending on the state (under `l2` they shrink as e^{−2Λ}).
    case compatible
}

/// The optimizer.
public enum OptimizerKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// Full-batch gradient descent.
    case gd
    /// Minibatch stochastic gradient descent (`batch_size` rows per step).
    case sgd
    /// Heavy-ball momentum on minibatches (full batch when `batch_size` is absent).
    case momentum
}

/// Everything that determines a trial besides its seed.
///
/// Each stored property is one entry of ``fields`` (snake_case name, kind, doc, identity rule);
/// its initial value is the field's default, except `depth` and `dimension`, whose defaults the
/// table derives from other fields. A missing field takes its default.
public struct TrialConfig: Hashable, Sendable {
    public var problem: ProblemKind = .sparseRegression
    /// A directory holding `Z` and `y` (and optionally `x_star`) as `.npy` or `.csv` (for
    /// matrix sensing `A`, `y` and optionally `X_star`); generated when nil.
    public var data: String? = nil
    /// n, the number of training samples.
    public var samples: Int = 40
    /// d, the dimension of x (of the d × d matrix X for matrix sensing); its default is derived in ``fields``.
    public var dimension: Int
    /// k, the number of nonzero entries of x*.
    public var sparsity: Int = 5
    /// σ, the standard deviation of the label noise.
    public var noise: Double = 0
    /// Held-out samples for the test MSE.
    public var testSamples: Int = 1000
    /// Seed of the generated data; the trial's seed when nil.
    public var dataSeed: UInt64? = nil

    public var parameterization: ParameterizationKind = .maskWeight
    /// Reparameterization depth L (1 for direct and str, 2 for mask-weight, ≥ 2 for the others); default derived in ``fields``.
    public var depth: Int
    /// The balance scale a₀ (β for mask-weight).
    public var initScale: Double = 1
    /// Where x starts (sparse regression); the factors start balanced at `initScale` around it.
    public var xInit: InitialPoint = .zero
    public var regularizer: RegularizerKind = .l2
    /// λ, the base weight decay that the schedule scales.
    public var weightDecay: Double = 0
    public var schedule: WeightDecaySchedule = .constant

    public var optimizer: OptimizerKind = .gd
    /// η.
    public var learningRate: Double = 0.02
    /// β of heavy-ball momentum.
    public var momentum: Double = 0.9
    /// Rows per minibatch for `sgd` and `momentum`; full batch when nil.
    public var batchSize: Int? = nil
    public var steps: Int = 10_000

    /// |x_i| ≤ threshold counts as zero; the first threshold gives `nonzeros` and `sparsity`.
    public var thresholds: [Double] = [1e-3]
    /// How many log-spaced steps the curves record.
    public var curvePoints: Int = 40

    /// r, the rank of the generated X* = U*U*ᵀ (matrix sensing).
    public var rank: Int = 2
    /// m, the number of generated measurements ⟨A_i, X*⟩ (matrix sensing).
    public var measurements: Int = 120
    /// How X is built from its factors (matrix sensing); `deep` takes L = `depth`.
    public var model: MatrixModelKind = .uu
    /// Hidden-layer widths of the MLP (classification problems); nil means [64], [] no hidden layer.
    /// Like the next two fields, setting the default value stores nil, so it is never encoded.
    public var widths: [Int]? = nil { didSet { widths = Self.omittingDefault(widths, Self.defaultWidths) } }
    /// Sparsities the trained MLP is magnitude-pruned to for `accuracy@s`; nil means [0.5, 0.8, 0.9, 0.95, 0.99].
    public var pruneSparsities: [Double]? = nil {
        didSet { pruneSparsities = Self.omittingDefault(pruneSparsities, Self.defaultPruneSparsities) }
    }
    /// Coefficient of the L1 penalty on the MLP's effective weights; nil means 0.
    public var l1Penalty: Double? = nil { didSet { l1Penalty = Self.omittingDefault(l1Penalty, 0) } }
    /// r of the thin factors B, A of the `lora` model X = W₀ + B Aᵀ (matrix sensing); nil means 2.
    public var loraRank: Int? = nil { didSet { loraRank = Self.omittingDefault(loraRank, 2) } }
    /// How generated matrix-sensing measurements are drawn; nil means gaussian.
    public var design: SensingDesignKind? = nil { didSet { design = Self.omittingDefault(design, .gaussian) } }
    /// How the factors of a matrix-sensing model start; nil means gaussian.
    public var factorInit: FactorInitKind? = nil { didSet { factorInit = Self.omittingDefault(factorInit, .gaussian) } }
    /// A label naming the method the trial belongs to, for `mirrorsweep compare`; no effect on training.
    public var method: String? = nil
    /// Training rows held out for validation (classification): the last ones; nil means 0.
    public var validationSamples: Int? = nil { didSet { validationSamples = Self.omittingDefault(validationSamples, 0) } }
    /// The sparsity gradual pruning reaches and `pilot:δ:auto` takes its budget from (classification).
    public var targetSparsity: Double? = nil
    /// [START, END], the fractions of the epochs over which gradual magnitude pruning runs (classification).
    public var gradualPruning: [Double]? = nil
    /// Fine-tuning steps after each pruning to `prune_sparsities` (classification); nil means 0.
    public var finetuneSteps: Int? = nil { didSet { finetuneSteps = Self.omittingDefault(finetuneSteps, 0) } }
    /// s₀, the starting value of every layer's learned threshold s_l of `str`; nil means
    /// ``defaultSTRThresholdInit``.
    public var strThresholdInit: Double? = nil {
        didSet { strThresholdInit = Self.omittingDefault(strThresholdInit, Self.defaultSTRThresholdInit) }
    }

    /// The default configuration; `depth` and `dimension` take the defaults ``fields`` derives for it
    /// (the zeros only let `self` exist before they are filled in).
    public init() {
        dimension = 0
        depth = 0
        fillDerivedDefaults(except: [])
    }

    /// Checks every field against what is allowed; the error names the field.
    public func validate() throws(CoreError) {
        func check<Value: CustomStringConvertible>(
            _ ok: Bool, _ field: String, _ value: @autoclosure () -> Value, _ allowed: @autoclosure () -> String
        ) throws(CoreError) {
            // The texts are built for an error only: every grid point of a sweep is validated.
            if !ok { throw .invalidField(field: field, value: value().description, allowed: allowed()) }
        }
        if parameterization == .str {
            try check(problem.isClassification, "parameterization", parameterization.rawValue,
                      "direct, mask-weight, hadamard or diff-of-powers for problem \(problem.rawValue) (str trains MLP classifiers only)")
        }
        if problem == .matrixSensing {
            try validateMatrixSensing()
        } else {
            if data == nil {
                try check(samples >= 1, "samples", samples, "an integer ≥ 1")
                try check(dimension >= 1, "dimension", dimension, "an integer ≥ 1")
                try check((0...dimension).contains(sparsity), "sparsity", sparsity, "an integer from 0 to dimension (\(dimension))")
                try check(noise >= 0 && noise.isFinite, "noise", noise, "a finite number ≥ 0")
            }
            switch parameterization {
            case .direct, .str:
                try check(depth == 1, "depth", depth, "1 for the \(parameterization.rawValue) parameterization")
            case .maskWeight:
                try check(depth == 2, "depth", depth, "2 for mask-weight (use hadamard for deeper products)")
            case .hadamard, .diffOfPowers:
                try check(depth >= 2, "depth", depth, "an integer ≥ 2 for \(parameterization.rawValue)")
            }
        }
        try check(testSamples >= 0, "test_samples", testSamples, "an integer ≥ 0")
        try check(initScale >= 0 && initScale.isFinite, "init_scale", initScale, "a finite number ≥ 0")
        try xInit.validate()
        if !xInit.isZero {
            try validateNonzeroStart()
        }
        try check(weightDecay >= 0 && weightDecay.isFinite, "weight_decay", weightDecay, "a finite number ≥ 0")
        try schedule.validate()
        try check(learningRate > 0 && learningRate.isFinite, "learning_rate", learningRate, "a finite number > 0")
        try check((0..<1).contains(momentum), "momentum", momentum, "a number in [0, 1)")
        if let b = batchSize {
            try check(b >= 1, "batch_size", b, "an integer ≥ 1")
        }
        try check(steps >= 0, "steps", steps, "an integer ≥ 0")
        try check(!thresholds.isEmpty && thresholds.allSatisfy { $0 >= 0 && $0.isFinite }, "thresholds",
                  thresholds.description, "a non-empty list of finite numbers ≥ 0")
        try check(curvePoints >= 0, "curve_points", curvePoints, "an integer ≥ 0")
        try validateClassification()
    }
}
