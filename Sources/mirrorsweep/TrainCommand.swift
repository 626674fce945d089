import ArgumentParser
import Core
import Foundation
import Logging

/// `mirrorsweep train`: runs one trial from flags and/or a config file and prints its result.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one trial and print its result.",
        discussion: """
            Every TrialConfig field has a flag; flags override the values of --config, and fields \
            set nowhere take TrialConfig's defaults. Usage errors exit with status 2. \
            MIRRORSWEEP_KERNELS=portable|avx2|avx512 runs the kernels on that instruction set (same result).
            """
    )

    @Option(name: .customLong("config"), help: ArgumentHelp("A YAML or JSON file (.json) of TrialConfig fields in snake_case.", valueName: "file"))
    var configFile: String?

    @Option(help: "The problem.") var problem: ProblemKind?
    @Option(help: ArgumentHelp(
        "A directory holding Z and y (optionally x_star, Z_test, y_test), or for matrix-sensing A and y (optionally X_star), as .npy or .csv; generated data when absent.",
        valueName: "dir"
    ))
    var data: String?
    @Option(help: "n, training samples of generated data.") var samples: Int?
    @Option(help: "d, the dimension of x (X is d × d for matrix-sensing; default 10 there).") var dimension: Int?
    @Option(help: "k, nonzero entries of x*.") var sparsity: Int?
    @Option(help: "σ, standard deviation of the label noise.") var noise: Double?
    @Option(help: "Held-out samples for the test MSE.") var testSamples: Int?
    @Option(help: "Seed of the generated data (default: --seed).") var dataSeed: UInt64?

    @Option(help: "How x is built from the parameters.") var parameterization: ParameterizationKind?
    @Option(help: "Depth L (1 for direct, 2 for mask-weight, ≥ 2 otherwise).") var depth: Int?
    @Option(help: "Initialization scale a₀ (β for mask-weight).") var initScale: Double?
    @Option(help: "The weight-decay penalty.") var regularizer: RegularizerKind?
    @Option(help: "λ, the base weight decay.") var weightDecay: Double?
    @Option(help: "How λ changes over training.") var schedule: WeightDecaySchedule?

    @Option(help: "The optimizer.") var optimizer: OptimizerKind?
    @Option(help: "η, the learning rate.") var learningRate: Double?
    @Option(help: "β of heavy-ball momentum.") var momentum: Double?
    @Option(help: "Rows per minibatch for sgd and momentum.") var batchSize: Int?
    @Option(help: "Training steps.") var steps: Int?
    @Option(name: .customLong("threshold"), help: "|x_i| ≤ threshold counts as zero (repeatable).")
    var thresholds: [Double] = []
    @Option(help: "How many log-spaced steps the curves record.") var curvePoints: Int?

    @Option(help: "r, the rank of the generated X* (matrix-sensing).") var rank: Int?
    @Option(help: "m, generated measurements ⟨A_i, X*⟩ (matrix-sensing).") var measurements: Int?
    @Option(help: "How X is built from its d × d factors (matrix-sensing; deep uses --depth).") var model: MatrixModelKind?
    @Option(help: ArgumentHelp("Hidden widths of the MLP, comma-separated (\"\" for no hidden layer; default 64).", valueName: "w1,w2,..."))
    var widths: WidthList?
    @Option(name: .customLong("prune-sparsity"), help: "A sparsity the trained MLP is magnitude-pruned to for accuracy@s (repeatable).")
    var pruneSparsities: [Double] = []
    @Option(help: "Coefficient of the L1 penalty on the MLP's effective weights.") var l1Penalty: Double?

    @Option(help: "The trial's seed.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object (sorted keys; NaN and ±Inf as \"nan\", \"inf\", \"-inf\") instead of the summary.")
    var json = false
    @Option(help: ArgumentHelp(
        "Write the problem's data (generated from --data-seed, else --seed; or read from --data) as .npy files into this directory before training.",
        valueName: "dir"
    ))
    var saveData: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.train")
        let config = try resolvedConfig()
        let instructionSet = try Self.instructionSet()
        if let saveData {
            switch config.problem {
            case .sparseRegression: try problemData(config).save(to: saveData)
            case .matrixSensing: try matrixSensingData(config).save(to: saveData)
            case .noop, .digits, .teacherStudent:
                throw ValidationError("--save-data needs --problem sparse-regression or matrix-sensing; \(config.problem.rawValue) has no data to save")
            }
            logger.info("saved the problem's data", metadata: ["directory": "\(saveData)"])
        }
        logger.info("training", metadata: ["problem": "\(config.problem.rawValue)", "steps": "\(config.steps)", "seed": "\(seed)"])
        let result = try runTrial(config, seed: seed, instructionSet: instructionSet)
        let report = TrainReport(result: result, config: config, seed: seed)
        print(json ? try report.json() : report.summary())
    }

    /// `$MIRRORSWEEP_KERNELS` (`portable`, `avx2` or `avx512`) forces the kernels' instruction set,
    /// which never changes a result; unset, the fastest one this CPU supports.
    static func instructionSet() throws -> InstructionSet {
        guard let name = ProcessInfo.processInfo.environment["MIRRORSWEEP_KERNELS"], !name.isEmpty else { return .native }
        guard let set = InstructionSet(rawValue: name) else {
            throw ValidationError("MIRRORSWEEP_KERNELS=\(name): expected one of \(InstructionSet.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard set.isSupported else { throw ValidationError("MIRRORSWEEP_KERNELS=\(name): this CPU cannot run \(name) kernels") }
        return set
    }

    /// The config file's values, overridden by the flags given, then validated.
    func resolvedConfig() throws -> TrialConfig {
        let file = try configFile.map { try ConfigFile(path: $0) }
        var config = file?.config ?? TrialConfig()
        var flags: [String: String] = [:]
        func set<T>(_ value: T?, _ field: WritableKeyPath<TrialConfig, T>, _ name: String) {
            guard let value else { return }
            config[keyPath: field] = value
            flags[name] = "--" + name.replacingOccurrences(of: "_", with: "-")
        }
        func setOptional<T>(_ value: T?, _ field: WritableKeyPath<TrialConfig, T?>, _ name: String) {
            guard let value else { return }
            config[keyPath: field] = value
            flags[name] = "--" + name.replacingOccurrences(of: "_", with: "-")
        }
        set(problem, \.problem, "problem")
        setOptional(data, \.data, "data")
        set(samples, \.samples, "samples")
        set(dimension, \.dimension, "dimension")
        set(sparsity, \.sparsity, "sparsity")
        set(noise, \.noise, "noise")
        set(testSamples, \.testSamples, "test_samples")
        setOptional(dataSeed, \.dataSeed, "data_seed")
        set(parameterization, \.parameterization, "parameterization")
        set(depth, \.depth, "depth")
        set(initScale, \.initScale, "init_scale")
        set(regularizer, \.regularizer, "regularizer")
        set(weightDecay, \.weightDecay, "weight_decay")
        set(schedule, \.schedule, "schedule")
        set(optimizer, \.optimizer, "optimizer")
        set(learningRate, \.learningRate, "learning_rate")
        set(momentum, \.momentum, "momentum")
        setOptional(batchSize, \.batchSize, "batch_size")
        set(steps, \.steps, "steps")
        if !thresholds.isEmpty {
            config.thresholds = thresholds
            flags["thresholds"] = "--threshold"
        }
        set(curvePoints, \.curvePoints, "curve_points")
        set(rank, \.rank, "rank")
        set(measurements, \.measurements, "measurements")
        set(model, \.model, "model")
        setOptional(widths?.values, \.widths, "widths")
        if !pruneSparsities.isEmpty {
            config.pruneSparsities = pruneSparsities
            flags["prune_sparsities"] = "--prune-sparsity"
        }
        setOptional(l1Penalty, \.l1Penalty, "l1_penalty")
        if flags["depth"] == nil, !(file?.keys.contains("depth") ?? false) {
            config.depth = TrialConfig.defaultDepth(for: config.parameterization)
        }
        if flags["dimension"] == nil, !(file?.keys.contains("dimension") ?? false) {
            config.dimension = TrialConfig.defaultDimension(for: config.problem)
        }
        do {
            try config.validate()
        } catch {
            guard case let .invalidField(field, _, _) = error else { throw error }
            if let flag = flags[field] {
                throw ValidationError("\(flag): \(error)")
            } else if let file, file.keys.contains(field) {
                throw ValidationError("\(file.location(of: field)): \(error)")
            }
            throw ValidationError("\(error)")
        }
        return config
    }

    /// The matrix-sensing data the trial trains on: loaded from `config.data`, else generated from `dataSeed ?? seed`.
    private func matrixSensingData(_ config: TrialConfig) throws(CoreError) -> MatrixSensingData {
        if let directory = config.data { return try MatrixSensingData.load(from: directory) }
        return MatrixSensingData.generate(
            dimension: config.dimension, rank: config.rank, measurements: config.measurements,
            noise: config.noise, seed: config.dataSeed ?? seed
        )
    }

    /// The data the trial trains on: loaded from `config.data`, else generated from `dataSeed ?? seed`.
    private func problemData(_ config: TrialConfig) throws(CoreError) -> RegressionData {
        if let directory = config.data { return try RegressionData.load(from: directory) }
        return RegressionData.generate(
            samples: config.samples, dimension: config.dimension, sparsity: config.sparsity,
            noise: config.noise, testSamples: config.testSamples, seed: config.dataSeed ?? seed
        )
    }
}
