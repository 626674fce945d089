extension TrialConfig {
    /// Every field, in declaration order: the one table that decoding, encoding, sweep specs, trial
    /// identity, `mirrorsweep train` and SPEC.md derive from. A derived default may read only the
    /// fields before it.
    ///
    /// The fields of the first release are `identity: .always` so that published ids stay as they
    /// are; a field added later keeps the default `.omittedAtDefault`.
    public static let fields: [TrialConfigField] = [
        .init("problem", \.problem, .choice, constraint: "",
              doc: "what a trial trains on; `noop` trains nothing (measures the sweep machinery); `digits`, `teacher-student` and `mnist1d` train an MLP classifier (see below)",
              identity: .always),
        .init("data", optional: \.data, .path, constraint: "a directory path",
              doc: "directory holding `Z` and `y` (and optionally `x_star`) as `.npy` or `.csv`; generated data when null",
              identity: .always),
        .init("samples", \.samples, .integer, constraint: "≥ 1", doc: "n, training samples (generated data)", identity: .always),
        .init("dimension", \.dimension, .integer, derived: "100 (10 for `matrix-sensing`)", { $0.problem == .matrixSensing ? 10 : 100 },
              constraint: "≥ 1", doc: "d, the dimension of x (X is d × d for `matrix-sensing`)", identity: .always),
        .init("sparsity", \.sparsity, .integer, constraint: "0 … `dimension`", doc: "k, nonzero entries of x*", identity: .always),
        .init("noise", \.noise, .number, constraint: "finite, ≥ 0", doc: "σ, standard deviation of the label noise",
              identity: .always),
        .init("test_samples", \.testSamples, .integer, constraint: "≥ 0", doc: "held-out samples for the test MSE",
              identity: .always),
        .init("data_seed", optional: \.dataSeed, .unsigned64, constraint: "0 … 2⁶⁴−1",
              doc: "seed of the generated data; the trial's seed when null", identity: .always),
        .init("parameterization", \.parameterization, .choice, constraint: "",
              doc: "x = w; x = m ⊙ w; x = w₁ ⊙ … ⊙ w_L; x = u^L − v^L; x = sign(w)·max(\\|w\\| − sigmoid(s_l), 0), one learned s_l per layer (STR, classification only)",
              identity: .always),
        .init("depth", \.depth, .integer, derived: "2 (1 for `direct` and `str`)",
              { $0.parameterization == .direct || $0.parameterization == .str ? 1 : 2 },
              constraint: "1 for `direct` and `str`, 2 for `mask-weight`, ≥ 2 otherwise", doc: "L, the reparameterization depth", identity: .always),
        .init("init_scale", \.initScale, .number, constraint: "finite, ≥ 0", doc: "the balance scale a₀ (β for mask-weight)",
              identity: .always),
        .init("x_init", \.xInit, .initialPoint, constraint: "`zero`, `constant:C`, `gaussian:SIGMA`; not `zero` only for `sparse-regression` with `direct`, `mask-weight`, or `hadamard` / `diff-of-powers` at L = 2",
              doc: "where x starts; the factors start at x_init with balance `init_scale` (PILoT initialization), Gaussian entries from the trial seed's own stream"),
        .init("regularizer", \.regularizer, .choice, constraint: "", doc: "(λ/2)·Σ‖θ‖², or (λ/2)·Σ\\|θ\\|^L (keeps the mirror flow of `diff-of-powers`, not of `hadamard` at L ≥ 3)",
              identity: .always),
        .init("weight_decay", \.weightDecay, .number, constraint: "finite, ≥ 0",
              doc: "λ, the base weight decay the schedule scales", identity: .always),
        .init("schedule", \.schedule, .schedule, constraint: "see below", doc: "how λ_t changes over training",
              identity: .always),
        .init("optimizer", \.optimizer, .choice, constraint: "", doc: "full-batch GD, minibatch SGD, heavy-ball momentum",
              identity: .always),
        .init("learning_rate", \.learningRate, .number, constraint: "finite, > 0", doc: "η", identity: .always),
        .init("momentum", \.momentum, .number, constraint: "[0, 1)", doc: "β of heavy-ball momentum", identity: .always),
        .init("batch_size", optional: \.batchSize, .integer, constraint: "≥ 1",
              doc: "rows per minibatch for `sgd` and `momentum`; full batch when null", identity: .always),
        .init("steps", \.steps, .integer, constraint: "≥ 0", doc: "training steps", identity: .always),
        .init("thresholds", \.thresholds, .numbers, constraint: "non-empty, finite, ≥ 0",
              doc: "\\|x_i\\| ≤ threshold counts as zero; the first gives `nonzeros` and `sparsity`", identity: .always, flag: "threshold"),
        .init("curve_points", \.curvePoints, .integer, constraint: "≥ 0", doc: "how many log-spaced steps the curves record",
              identity: .always),
        .init("rank", \.rank, .integer, constraint: "1 … `dimension`",
              doc: "`matrix-sensing`: r, the rank of the generated X* = U*U*ᵀ (U* with N(0, 1/d) entries)", identity: .always),
        .init("measurements", \.measurements, .integer, constraint: "≥ 1",
              doc: "`matrix-sensing`: m, generated measurements y_i = ⟨A_i, X*⟩ + σε_i, A_i = (G_i + G_iᵀ)/2 with N(0, 1) entries in G_i",
              identity: .always),
        .init("model", \.model, .choice, constraint: "",
              doc: "`matrix-sensing`: X = W; X = U Uᵀ; X = U Vᵀ; X = W_L ⋯ W_1 with L = `depth` ≥ 2; d × d factors with entries `init_scale`·N(0, 1)/√d; X = W₀ + B Aᵀ (see `lora_rank`; B₀ = 0)",
              identity: .always),
        .init("widths", optional: \.widths, .integers, nullMeans: defaultWidths, constraint: "each ≥ 1; `[]` for no hidden layer",
              doc: "hidden-layer widths of the MLP (classification problems)", identity: .always),
        .init("prune_sparsities", optional: \.pruneSparsities, .numbers, nullMeans: defaultPruneSparsities, constraint: "each in [0, 1]",
              doc: "sparsities the trained MLP is magnitude-pruned to; one `accuracy@s` metric each", identity: .always, flag: "prune-sparsity"),
        .init("l1_penalty", optional: \.l1Penalty, .number, nullMeans: 0, constraint: "finite, ≥ 0",
              doc: "c of the L1 penalty c·‖x‖₁ on the MLP's effective weights (the L1 baseline)", identity: .always),
        .init("lora_rank", optional: \.loraRank, .integer, nullMeans: 2, constraint: "1 … `dimension`",
              doc: "`matrix-sensing`, model `lora`: r of the trained d × r factors B, A of X = W₀ + B Aᵀ; the frozen base W₀ = U₀U₀ᵀ with U₀ a d × `rank` matrix of N(0, 1/d) entries from the seed"),
        .init("design", optional: \.design, .choice, nullMeans: .gaussian, constraint: "",
              doc: "`matrix-sensing`: Gaussian A_i; or A_i = Q diag(z_i) Qᵀ, X* = Q diag(x*) Qᵀ in one random orthonormal basis Q, with z_i, x* the sparse-regression data of the same seed (`measurements` rows, `rank` nonzeros)"),
        .init("factor_init", optional: \.factorInit, .choice, nullMeans: .gaussian, constraint: "`identity` for `uv` only",
              doc: "`matrix-sensing`: factors `init_scale`·N(0, 1)/√d; or U₀ = √`init_scale`·I, V₀ = 0 (mask-weight's start in every eigendirection)"),
        .init("method", optional: \.method, .text, constraint: "a label without whitespace",
              doc: "names the method a trial belongs to, for `mirrorsweep compare`; no effect on training"),
        .init("validation_samples", optional: \.validationSamples, .integer, nullMeans: 0, constraint: "0 … training rows − 1",
              doc: "classification: the last V training rows are held out for validation (`val_accuracy`, `val_accuracy@s`) and not trained on"),
        .init("target_sparsity", optional: \.targetSparsity, .number, constraint: "(0, 1)",
              doc: "classification: the sparsity `gradual_pruning` ends at and `pilot:DELTA:auto` takes its L1 budget from"),
        .init("gradual_pruning", optional: \.gradualPruning, .numbers, constraint: "[START, END] with 0 ≤ START < END ≤ 1; needs `target_sparsity`",
              doc: "classification: gradual magnitude pruning (GMP) to `target_sparsity` at the epoch ends from START·T to END·T (see below); pruned weights stay 0"),
        .init("finetune_steps", optional: \.finetuneSteps, .integer, nullMeans: 0, constraint: "≥ 0",
              doc: "classification: after training, each `prune_sparsities` s is magnitude-pruned and its kept effective weights trained this many steps (λ = 0, no L1); `accuracy@s` is then after fine-tuning"),
        .init("str_threshold_init", optional: \.strThresholdInit, .number, nullMeans: defaultSTRThresholdInit, constraint: "finite",
              doc: "`str`: s₀, where every layer's threshold parameter starts (threshold sigmoid(s₀)); weight decay pulls s toward 0"),
    ]

    /// The field names accepted in JSON, YAML and sweep specs, in table order.
    public static let fieldNames = fields.map(\.name)

    /// The field called `name`, or nil.
    public static func field(named name: String) -> TrialConfigField? {
        fieldsByName[name]
    }

    private static let fieldsByName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })

    /// Sets every derived default (`depth`, `dimension`) that `written` does not name, in table order.
    public mutating func fillDerivedDefaults(except written: Set<String>) {
        for field in Self.fields where field.isDerived && !written.contains(field.name) {
            field.set(field.defaultValue(in: self), in: &self)
        }
    }

    /// The depth L a configuration takes when it names none: 1 for direct and str, 2 for the others.
    public static func defaultDepth(for parameterization: ParameterizationKind) -> Int {
        var config = TrialConfig()
        config.parameterization = parameterization
        config.fillDerivedDefaults(except: [])
        return config.depth
    }

    /// The dimension a configuration takes when it does not set one: 10 for matrix sensing
    /// (X is d × d, so d = 10 already has 100 entries), 100 otherwise.
    public static func defaultDimension(for problem: ProblemKind) -> Int {
        var config = TrialConfig()
        config.problem = problem
        config.fillDerivedDefaults(except: [])
        return config.dimension
    }
}
