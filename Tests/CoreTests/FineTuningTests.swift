@testable import Core
import Testing

@Suite("Fine-tuning after pruning")
struct FineTuningTests {
    @Test("fine-tuning is full-batch GD on the kept weights of the pruned network, λ = 0: the same as GD written out")
    func matchesPlainGradientDescent() throws {
        var config = digitsConfig(.maskWeight, steps: 46, weightDecay: 1e-3)
        config.validationSamples = 200
        let trainer = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 7)
        trainer.advance(to: config.steps)
        var tuning = config
        tuning.optimizer = .gd
        tuning.learningRate = 0.2
        let data = trainer.data
        let tuner = MLPFineTuning(config: tuning, data: data, batchSize: data.trainSamples, seed: 7, steps: 5, instructionSet: .native)
        let tuned = tuner.fineTuned(from: trainer.network, sparsity: 0.8)

        let x = trainer.network.effectiveWeights
        let removed = Set(MagnitudePruning.order(x).prefix(MagnitudePruning.removedCount(sparsity: 0.8, of: x.count)))
        var generator = Xoshiro256StarStar(seed: 1)
        let reference = MLP(layerSizes: trainer.network.layerSizes, parameterization: .direct, initScale: 1, generator: &generator)
        var parameters = x.indices.map { removed.contains($0) ? 0 : x[$0] } + Array(trainer.network.bias)
        for _ in 0..<5 {
            reference.parameters = parameters
            let gradient = reference.lossAndGradient(inputs: data.trainInputs, labels: data.trainLabels).gradient
            for i in parameters.indices where !(i < x.count && removed.contains(i)) { parameters[i] -= 0.2 * gradient[i] }
        }
        let result = tuned.parameters
        #expect(removed.allSatisfy { result[$0] == 0 })
        let gap = zip(result, parameters).map { abs($0 - $1) }.max()!
        #expect(gap < 1e-12, "largest difference \(gap)")
        #expect(zip(result, x + Array(trainer.network.bias)).contains { $0 != $1 && $0 != 0 })
    }

    @Test("with finetune_steps, accuracy@s is after fine-tuning and pruned_accuracy@s before it; the trained network is kept")
    func metrics() throws {
        var config = digitsConfig(.direct, steps: 46, weightDecay: 1e-4)
        config.validationSamples = 200
        config.pruneSparsities = [0.9, 0.98]
        let plain = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 2)
        plain.advance(to: config.steps)
        config.finetuneSteps = 30
        let tuned = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 2)
        tuned.advance(to: config.steps)
        let before = plain.metrics(), after = tuned.metrics()
        #expect(after["pruned_accuracy@0.98"] == before["accuracy@0.98"])
        #expect(after["pruned_val_accuracy@0.98"] == before["val_accuracy@0.98"])
        #expect(after["accuracy"] == before["accuracy"] && after["l1"] == before["l1"])
        #expect(after["accuracy@0.98"]! > before["accuracy@0.98"]!, "fine-tuning recovers accuracy lost at 98 % sparsity")
        #expect(after["val_accuracy@0.98"]! > before["val_accuracy@0.98"]!)
        let again = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 2)
        again.advance(to: config.steps)
        #expect(again.metrics() == after)
    }
}
