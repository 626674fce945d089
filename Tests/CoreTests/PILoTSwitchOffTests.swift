import Core
import Testing

@Suite("PILoT budget from the target sparsity and switch-off")
struct PILoTSwitchOffTests {
    @Test("pilot:DELTA:BUDGET[:F] parses, prints and keeps the old form's text", arguments: [
        ("pilot:1.1:300", "pilot:1.1:300.0"), ("pilot:1.1:auto", "pilot:1.1:auto"),
        ("pilot:1.2:auto:0.75", "pilot:1.2:auto:0.75"), ("pilot:1.5:40:1", "pilot:1.5:40.0:1.0"),
    ])
    func parse(text: String, canonical: String) throws {
        let schedule = try WeightDecaySchedule(parsing: text)
        #expect(schedule.description == canonical)
        #expect(try WeightDecaySchedule(parsing: canonical) == schedule)
    }

    @Test("bad pilot strings name the problem", arguments: ["pilot:1.1:auto:1.5", "pilot:1.1:auto:0", "pilot:1.1:many", "pilot:1.1:1:2:3"])
    func badStrings(text: String) {
        #expect(throws: CoreError.self) { try WeightDecaySchedule(parsing: text) }
    }

    @Test("after epoch E = ⌈F·T⌉ λ is 0; before it the rule runs as without switch-off")
    func switchOff() {
        var off = PILoTSchedule(delta: 2, budget: 1, totalEpochs: 10, weightDecay: 1, initialAccuracy: 0, switchOff: 0.75)
        var plain = PILoTSchedule(delta: 2, budget: 1, totalEpochs: 10, weightDecay: 1, initialAccuracy: 0)
        #expect(off.switchOffEpoch == 8 && plain.switchOffEpoch == nil)
        for epoch in 1...10 {
            off.endEpoch(epoch, trainAccuracy: 0.5, l1: 10)
            plain.endEpoch(epoch, trainAccuracy: 0.5, l1: 10)
            #expect(off.weightDecay == (epoch >= 8 ? 0 : plain.weightDecay), "epoch \(epoch)")
        }
        #expect(PILoTSchedule(delta: 2, budget: 1, totalEpochs: 40, weightDecay: 1, initialAccuracy: 0, switchOff: 0.7).switchOffEpoch == 28)
    }

    @Test("auto: K is ‖x₀‖₁ after magnitude pruning to target_sparsity, and training ends with λ = 0")
    func autoBudget() throws {
        var config = digitsConfig(.maskWeight, steps: 23 * 8, weightDecay: 1e-3, schedule: .pilot(delta: 1.1, budget: .target, switchOff: 0.5))
        config.targetSparsity = 0.9
        let trainer = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 9)
        var generator = Xoshiro256StarStar(seed: 9)
        let fresh = MLP(layerSizes: [64, 64, 10], parameterization: .maskWeight, initScale: 1, generator: &generator)
        let magnitudes = fresh.effectiveWeights.map(\.magnitude).sorted(by: >)
        let kept = magnitudes.count - Int((0.9 * Double(magnitudes.count)).rounded())
        let budget = magnitudes.prefix(kept).reduce(0, +)
        #expect(abs(trainer.pilot!.budget - budget) <= 1e-12 * budget)
        trainer.advance(to: config.steps)
        let integralAtEnd = trainer.metrics()["lambda_integral"]!
        #expect(trainer.metrics()["final_weight_decay"] == 0)
        #expect(trainer.pilot!.weightDecay == 0 && integralAtEnd > 0)

        var missing = config
        missing.targetSparsity = nil
        #expect(throws: CoreError.self) { try missing.validate() }
    }
}
