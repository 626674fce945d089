import Core
import Testing

@Suite("Gradual magnitude pruning")
struct GradualPruningTests {
    @Test("the cubic schedule: epochs k₀ < k ≤ k₁, s_k = s_f(1 − (1 − (k − k₀)/(k₁ − k₀))³)")
    func schedule() {
        let gmp = GradualPruning(window: [0.25, 0.75], finalSparsity: 0.9, totalEpochs: 8)
        #expect(gmp.startEpoch == 2 && gmp.endEpoch == 6)
        #expect(gmp.sparsity(afterEpoch: 2) == nil && gmp.sparsity(afterEpoch: 7) == nil)
        for k in 3...6 {
            let r = 1 - Double(k - 2) / 4
            #expect(abs(gmp.sparsity(afterEpoch: k)! - 0.9 * (1 - r * r * r)) < 1e-15)
        }
        #expect(gmp.sparsity(afterEpoch: 6) == 0.9)
        let short = GradualPruning(window: [0.5, 0.5001], finalSparsity: 0.8, totalEpochs: 3)
        #expect(short.startEpoch == 1 && short.endEpoch == 2 && short.sparsity(afterEpoch: 2) == 0.8)
    }

    @Test("training prunes to s_k at each epoch end of the window, the pruned set only grows and stays 0",
          arguments: [ParameterizationKind.direct, .maskWeight])
    func training(parameterization: ParameterizationKind) throws {
        var config = digitsConfig(parameterization, steps: 23 * 8)
        config.targetSparsity = 0.9
        config.gradualPruning = [0.25, 0.75]
        let trainer = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 5)
        let gmp = try #require(trainer.gradualPruning)
        let n = trainer.network.weightCount
        var previous = Set<Int>()
        for epoch in 1...8 {
            trainer.runEpoch()
            let zeros = Set(trainer.network.effectiveWeights.indices.filter { trainer.network.effectiveWeights[$0] == 0 })
            let expected = (1...epoch).compactMap { gmp.sparsity(afterEpoch: $0) }.last.map {
                MagnitudePruning.removedCount(sparsity: $0, of: n)
            } ?? 0
            #expect(trainer.prunedWeights.count == expected, "epoch \(epoch)")
            #expect(Set(trainer.prunedWeights).isSubset(of: zeros), "epoch \(epoch)")
            #expect(previous.isSubset(of: Set(trainer.prunedWeights)), "epoch \(epoch)")
            previous = Set(trainer.prunedWeights)
        }
        #expect(trainer.prunedWeights.count == MagnitudePruning.removedCount(sparsity: 0.9, of: n))
        #expect(trainer.metrics()["sparsity"]! >= Double(MagnitudePruning.removedCount(sparsity: 0.9, of: n)) / Double(n))
        #expect(trainer.metrics()["accuracy"]! > 0.5)
    }

    @Test("gradual_pruning needs target_sparsity and a window 0 ≤ START < END ≤ 1")
    func badValues() {
        var config = digitsConfig(.direct, steps: 10)
        config.gradualPruning = [0.2, 0.8]
        #expect(throws: CoreError.invalidField(field: "target_sparsity", value: "null", allowed: "a number in (0, 1): gradual_pruning prunes to it")) {
            try config.validate()
        }
        config.targetSparsity = 0.9
        config.gradualPruning = [0.8, 0.2]
        #expect(throws: CoreError.self) { try config.validate() }
        config.gradualPruning = [0.1]
        #expect(throws: CoreError.self) { try config.validate() }
        config.gradualPruning = [0, 1]
        #expect(throws: Never.self) { try config.validate() }
    }
}
