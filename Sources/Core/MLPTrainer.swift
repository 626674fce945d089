/// Trains an ``MLP`` classifier by minibatch SGD (optionally heavy ball), epoch by epoch.
///
/// - Rows: with `validation_samples` V the last V training rows are held out for validation
///   (``ClassificationData/holdingOut(validation:)``); n counts the rows trained on.
/// - Batches: b = `batch_size` (the whole training set when nil or for `gd`). An epoch is one pass
///   over a fresh permutation of the training rows in ⌈n/b⌉ steps, the last batch holding the
///   remaining rows; the permutation is a Fisher–Yates shuffle (for i from n − 1 down to 1, swap i
///   with `nextInt(below: i + 1)`) from `Xoshiro256StarStar(seed: seed ^ 0x5DEECE66D)`.
/// - `steps` counts SGD steps; T = ⌈steps / ⌈n/b⌉⌉ epochs run, the last one possibly partial.
/// - λ_t = λ·schedule.factor(t) for the step-based schedules; for `pilot:δ:K` a ``PILoTSchedule``
///   sets λ after each epoch. Λ = η·Σ λ_t.
/// - `gradual_pruning` prunes at epoch ends (``GradualPruning``) and holds the pruned weights at 0
///   after every step; `finetune_steps` prunes and fine-tunes once training ends (``MLPFineTuning``).
/// - The network is initialized from `Xoshiro256StarStar(seed: seed)` (see ``MLP``).
/// - Curves: at the epochs ``curveSteps(points:steps:)`` gives for `curve_points` points over T
///   epochs (epoch 0 is before training); a point's `step` is the SGD steps run by then.
public final class MLPTrainer: TrialTrainer {
    /// The configuration being trained.
    public let config: TrialConfig
    /// The training and test data.
    public let data: ClassificationData
    /// The network being trained.
    public let network: MLP
    /// b, the rows per step.
    public let batchSize: Int
    /// ⌈n/b⌉, the steps of a full epoch.
    public let stepsPerEpoch: Int
    /// T, the epochs `config.steps` steps take.
    public let totalEpochs: Int
    /// SGD steps run so far.
    public private(set) var step = 0
    /// Epochs completed so far.
    public private(set) var epoch = 0
    /// The step at which the loss became NaN or infinite, if it did.
    public private(set) var divergedAt: Int?
    /// η·Σ λ_t over the steps run, the plain sum; Λ with `gd` and `sgd` (``TrialConfig/effectiveLambdaIntegral(plain:)``).
    public private(set) var lambdaIntegral = 0.0
    /// λ of the last step run (λ_0 before any step).
    public private(set) var lastWeightDecay: Double
    /// The adaptive rule, for `pilot:δ:K`.
    public private(set) var pilot: PILoTSchedule?
    /// When and how far gradual magnitude pruning prunes, for `gradual_pruning`.
    public let gradualPruning: GradualPruning?
    /// The weights gradual pruning has removed, ascending; they stay 0.
    public private(set) var prunedWeights: [Int] = []
    /// Accuracies after pruning to each of `prune_sparsities` and fine-tuning, once training ended
    /// (with `finetune_steps` > 0).
    private(set) var fineTuned: [MLPFineTuning.Outcome]?

    var curve: CurveRecorder
    let batches: EpochBatches
    let seed: UInt64
    let instructionSet: InstructionSet

    /// Sets up training of `config` on `data` for the trial seed `seed`, the network's matrix
    /// products on `instructionSet`.
    public init(
        config: TrialConfig, data: ClassificationData, seed: UInt64, instructionSet: InstructionSet = .native
    ) throws(CoreError) {
        try config.validate()
        let validation = config.validationSamples ?? 0
        if validation > 0, validation >= data.trainSamples {
            throw .invalidField(field: "validation_samples", value: String(validation),
                                allowed: "an integer below the number of training rows (\(data.trainSamples))")
        }
        let data = validation > 0 ? data.holdingOut(validation: validation) : data
        let n = data.trainSamples
        guard n >= 1, data.features >= 1, data.classes >= 2 else {
            throw .dataShape(path: config.data ?? config.problem.rawValue,
                             reason: "need ≥ 1 training row, ≥ 1 feature and ≥ 2 classes; found \(n), \(data.features), \(data.classes)")
        }
        if let b = config.batchSize, config.optimizer != .gd, b > n {
            throw .invalidField(field: "batch_size", value: String(b), allowed: "an integer from 1 to the number of training rows (\(n))")
        }
        self.config = config
        self.data = data
        self.seed = seed
        self.instructionSet = instructionSet
        batchSize = config.optimizer == .gd ? n : config.batchSize ?? n
        stepsPerEpoch = (n + batchSize - 1) / batchSize
        totalEpochs = (config.steps + stepsPerEpoch - 1) / stepsPerEpoch
        curve = CurveRecorder(config, positions: totalEpochs)
        var generator = Xoshiro256StarStar(seed: seed)
        network = MLP(
            layerSizes: [data.features] + config.hiddenWidths + [data.classes], parameterization: config.parameterization,
            initScale: config.initScale, generator: &generator, instructionSet: instructionSet, thresholdInit: config.softThresholdInit)
        batches = EpochBatches(
            rows: n, features: data.features, batchSize: batchSize, shuffler: Xoshiro256StarStar(seed: seed ^ 0x5DEECE66D))
        lastWeightDecay = config.weightDecay(atStep: 0)
        let epochs = totalEpochs
        gradualPruning = config.gradualPruning.map {
            GradualPruning(window: $0, finalSparsity: config.targetSparsity ?? 0, totalEpochs: epochs)
        }
        if case let .pilot(delta, budget, switchOff) = config.schedule {
            pilot = PILoTSchedule(
                delta: delta, budget: budget.resolved(initial: network.effectiveWeights, sparsity: config.targetSparsity),
                totalEpochs: totalEpochs, weightDecay: config.weightDecay, initialAccuracy: trainEvaluation().accuracy,
                switchOff: switchOff)
        }
    }

    /// The epochs at which a curve point is recorded.
    public var curveEpochs: [Int] { curve.positions }

    /// The curve points recorded so far.
    public var curves: [CurvePoint] { curve.points }

    /// Runs whole epochs (the last one ends at `config.steps`) until `step` reaches `target` or the
    /// loss diverges, recording curve points at ``curveEpochs`` on the way (epoch 0's first) and
    /// passing each to `progress`. When training reaches `config.steps` with `finetune_steps` > 0,
    /// the network is then pruned and fine-tuned for each of `prune_sparsities` (``MLPFineTuning``).
    ///
    /// `progress` only observes: results are the same bits with or without it.
    public func advance(to target: Int, progress: ((TrialProgress) -> Void)? = nil) {
        recordDueCurve(progress)
        while divergedAt == nil, step < min(target, config.steps) { runEpoch(progress: progress) }
        if let steps = config.finetuneSteps, steps > 0, step == config.steps, divergedAt == nil, fineTuned == nil {
            fineTuned = MLPFineTuning(config: config, data: data, batchSize: batchSize, seed: seed, steps: steps,
                                      instructionSet: instructionSet)
                .run(from: network, sparsities: config.pruningSparsities)
        }
    }

    /// Runs one epoch (fewer steps when `config.steps` ends it), then its statistics: the PILoT
    /// rule and, at ``curveEpochs``, a curve point passed to `progress` (before the first epoch,
    /// epoch 0's point too).
    public func runEpoch(progress: ((TrialProgress) -> Void)? = nil) {
        guard divergedAt == nil, step < config.steps else { return }
        recordDueCurve(progress)
        batches.startEpoch()
        let eta = config.learningRate
        let momentum = config.optimizer == .momentum ? config.momentum : nil
        let penalty = config.l1Penalty ?? 0
        let epochEnd = min(step + stepsPerEpoch, config.steps)
        while step < epochEnd {
            let rows = batches.nextBatch(of: data)
            let lambdaT = pilot?.weightDecay ?? config.weightDecay(atStep: step)
            network.forward(inputs: batches.inputs.baseAddress!, rows: rows)
            let loss = network.crossEntropy(labels: batches.labels.baseAddress!, rows: rows, writesDelta: true).loss
            guard loss.isFinite else {
                divergedAt = step
                return
            }
            network.backward(inputs: batches.inputs.baseAddress!, rows: rows)
            network.step(learningRate: eta, weightDecay: lambdaT, l1Penalty: penalty, momentum: momentum)
            if !prunedWeights.isEmpty { network.zeroWeights(prunedWeights) }
            lambdaIntegral += eta * lambdaT
            lastWeightDecay = lambdaT
            step += 1
        }
        epoch += 1
        let train = trainEvaluation()
        guard train.loss.isFinite else {
            divergedAt = step
            return
        }
        pilot?.endEpoch(epoch, trainAccuracy: train.accuracy, l1: weightL1())
        if let sparsity = gradualPruning?.sparsity(afterEpoch: epoch) { prune(to: sparsity) }
        recordDueCurve(progress)
    }

    /// Raises the gradual pruning to `sparsity`: the weights already removed and then the smallest
    /// |x| are set to 0 and held there.
    private func prune(to sparsity: Double) {
        var isPruned = [Bool](repeating: false, count: network.weightCount)
        for i in prunedWeights { isPruned[i] = true }
        prunedWeights = network.pruningSet(sparsity: sparsity, keeping: isPruned)
        network.zeroWeights(prunedWeights)
    }

    /// Records the curve point due at the current epoch, if one is, and reports it to `progress`.
    private func recordDueCurve(_ progress: ((TrialProgress) -> Void)?) {
        guard divergedAt == nil, curve.isDue(at: epoch) else { return }
        curve.record(step: step, metrics: curveMetrics(), progress: progress)
    }
}
