/// The same short fine-tuning after pruning for every method: prune the trained network's
/// effective weights to a sparsity, then train the kept weights directly.
///
/// For each sparsity s: x is globally magnitude-pruned to s (``MagnitudePruning``); a `direct`
/// network starts from the pruned x and the trained biases with zero velocity, and runs `steps`
/// steps of the trial's optimizer, learning rate, momentum and batch size with λ = 0 and no L1
/// penalty, the pruned weights held at 0. Its batches come from
/// `Xoshiro256StarStar(seed: seed ^ 0x6669_6E65_7475_6E65)` (``EpochBatches``), the same stream for
/// every s and every method of a seed, so fine-tuned results pair across methods.
struct MLPFineTuning {
    /// XORed into the trial seed for the fine-tuning batches.
    static let seedSalt: UInt64 = 0x6669_6E65_7475_6E65

    /// Accuracies of one pruned and fine-tuned network (NaN where the split has no rows).
    struct Outcome: Equatable {
        var sparsity: Double
        var validationAccuracy: Double
        var testAccuracy: Double
    }

    let config: TrialConfig
    let data: ClassificationData
    let batchSize: Int
    let seed: UInt64
    let steps: Int
    let instructionSet: InstructionSet

    /// Prunes `source` to each of `sparsities` and fine-tunes a copy; `source` is left unchanged.
    func run(from source: MLP, sparsities: [Double]) -> [Outcome] {
        sparsities.map { s in
            let network = fineTuned(from: source, sparsity: s)
            return Outcome(
                sparsity: s,
                validationAccuracy: network.evaluate(inputs: data.validationInputs, labels: data.validationLabels).accuracy,
                testAccuracy: network.evaluate(inputs: data.testInputs, labels: data.testLabels).accuracy)
        }
    }

    /// A direct copy of `source` pruned to `sparsity` and fine-tuned for ``steps`` steps.
    func fineTuned(from source: MLP, sparsity: Double) -> MLP {
        let trained = source.effectiveWeights
        let pruned = MagnitudePruning.order(trained).prefix(MagnitudePruning.removedCount(sparsity: sparsity, of: trained.count)).sorted()
        let network = MLP(layerSizes: source.layerSizes, parameterization: .direct, instructionSet: instructionSet)
        network.parameters = trained + Array(source.bias)
        network.zeroWeights(pruned)
        let momentum = config.optimizer == .momentum ? config.momentum : nil
        let batches = EpochBatches(rows: data.trainSamples, features: data.features, batchSize: batchSize,
                                   shuffler: Xoshiro256StarStar(seed: seed ^ Self.seedSalt))
        var inEpoch = batches.batchesPerEpoch
        for _ in 0..<steps {
            if inEpoch == batches.batchesPerEpoch {
                batches.startEpoch()
                inEpoch = 0
            }
            inEpoch += 1
            let rows = batches.nextBatch(of: data)
            network.forward(inputs: batches.inputs.baseAddress!, rows: rows)
            guard network.crossEntropy(labels: batches.labels.baseAddress!, rows: rows, writesDelta: true).loss.isFinite else { break }
            network.backward(inputs: batches.inputs.baseAddress!, rows: rows)
            network.step(learningRate: config.learningRate, weightDecay: 0, l1Penalty: 0, momentum: momentum)
            network.zeroWeights(pruned)
        }
        return network
    }
}
