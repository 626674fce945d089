import Core
import Testing

@Suite("Magnitude pruning")
struct MLPPruningTests {
    @Test("exactly round(s·N) weights are removed, the smallest ones", arguments: [0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0])
    func exactFraction(sparsity: Double) {
        var rng = Xoshiro256StarStar(seed: 8)
        let weights = (0..<1000).map { _ in rng.nextNormal() }
        let pruned = MagnitudePruning.prune(weights, sparsity: sparsity)
        let removed = zip(weights, pruned).filter { $0.1 == 0 && $0.0 != 0 }.count
        #expect(removed == Int((sparsity * 1000).rounded()))
        #expect(removed == MagnitudePruning.removedCount(sparsity: sparsity, of: 1000))
        let largestRemoved = zip(weights, pruned).filter { $0.1 == 0 }.map(\.0.magnitude).max() ?? 0
        let smallestKept = zip(weights, pruned).filter { $0.1 != 0 }.map(\.0.magnitude).min() ?? .infinity
        #expect(largestRemoved <= smallestKept)
        #expect(zip(weights, pruned).allSatisfy { $0.1 == 0 || $0.1 == $0.0 })
    }

    @Test("ties are broken by the lower index, so the result is deterministic")
    func ties() {
        let weights: [Double] = [0.5, -0.1, 0.1, 2, -0.1, 0.3]
        #expect(MagnitudePruning.order(weights) == [1, 2, 4, 5, 0, 3])
        #expect(MagnitudePruning.prune(weights, sparsity: 0.5) == [0.5, 0, 0, 2, 0, 0.3])
        #expect(MagnitudePruning.prune(weights, sparsity: 1.0 / 3) == [0.5, 0, 0, 2, -0.1, 0.3])
        let equal = [Double](repeating: 1, count: 10)
        #expect(MagnitudePruning.prune(equal, sparsity: 0.3) == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
    }

    @Test("the count rounds half away from zero and stays within 0…N")
    func counts() {
        #expect(MagnitudePruning.removedCount(sparsity: 0.5, of: 5) == 3)
        #expect(MagnitudePruning.removedCount(sparsity: 0.9, of: 4736) == 4262)
        #expect(MagnitudePruning.removedCount(sparsity: 0.99, of: 100) == 99)
        #expect(MagnitudePruning.removedCount(sparsity: 1, of: 7) == 7)
        #expect(MagnitudePruning.removedCount(sparsity: 0, of: 7) == 0)
    }

    @Test("a trained network's accuracy@s is its test accuracy after pruning; the network is unchanged")
    func prunedAccuracy() throws {
        let trainer = try MLPTrainer(config: digitsConfig(steps: 23), data: try repositoryDigits.get(), seed: 1)
        trainer.advance(to: trainer.config.steps)
        let before = trainer.network.effectiveWeights
        let accuracies = trainer.prunedAccuracies([0, 0.5, 1])
        #expect(trainer.network.effectiveWeights == before)
        #expect(accuracies[0] == trainer.testEvaluation().accuracy)
        let metrics = trainer.metrics()
        #expect(metrics["accuracy@0.5"] == accuracies[1])
        #expect(Set(metrics.keys).isSuperset(of: ["accuracy@0.5", "accuracy@0.8", "accuracy@0.9", "accuracy@0.95", "accuracy@0.99"]))
        // With every weight removed the logits are the biases alone: one class for every row.
        let data = try repositoryDigits.get()
        let counts = Dictionary(grouping: data.testLabels, by: { $0 }).mapValues { Double($0.count) / 360 }
        #expect(counts.values.contains(accuracies[2]))
    }
}
