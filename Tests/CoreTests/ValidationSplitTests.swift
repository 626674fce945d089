import Core
import Testing

@Suite("Validation split")
struct ValidationSplitTests {
    @Test("holding out V rows moves the last V training rows, in order, to validation")
    func holdOut() throws {
        let digits = try repositoryDigits.get()
        let split = digits.holdingOut(validation: 300)
        #expect(split.trainSamples == digits.trainSamples - 300 && split.validationSamples == 300)
        #expect(split.trainInputs == Array(digits.trainInputs[..<(1137 * 64)]))
        #expect(split.validationInputs == Array(digits.trainInputs[(1137 * 64)...]))
        #expect(split.validationLabels == Array(digits.trainLabels[1137...]))
        #expect(split.testInputs == digits.testInputs && split.testLabels == digits.testLabels)
    }

    @Test("the trainer trains on the kept rows only and reports val_accuracy and val_accuracy@s on the held-out ones")
    func trainerUsesTheSplit() throws {
        var config = digitsConfig(.direct, steps: 40)
        config.validationSamples = 300
        config.pruneSparsities = [0.5, 0.9]
        let trainer = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 3)
        #expect(trainer.data.trainSamples == 1137 && trainer.stepsPerEpoch == 18)
        trainer.advance(to: config.steps)
        let metrics = trainer.metrics()
        let held = try repositoryDigits.get().holdingOut(validation: 300)
        let expected = trainer.network.evaluate(inputs: held.validationInputs, labels: held.validationLabels)
        #expect(metrics["val_accuracy"] == expected.accuracy && metrics["val_loss"] == expected.loss)
        #expect(metrics["train_accuracy"] == trainer.network.evaluate(inputs: held.trainInputs, labels: held.trainLabels).accuracy)
        let pruned = trainer.prunedEvaluations([0.5, 0.9])
        #expect(metrics["val_accuracy@0.9"] == pruned[1].validation && metrics["accuracy@0.9"] == pruned[1].test)
        #expect(metrics["val_accuracy@0.9"] != nil && metrics["pruned_accuracy@0.9"] == nil)
    }

    @Test("the held-out rows change what is trained: results differ from a run on every row")
    func splitChangesTraining() throws {
        var config = digitsConfig(.direct, steps: 30)
        let all = try trainDigits(config, seed: 4)
        config.validationSamples = 200
        let held = try trainDigits(config, seed: 4)
        #expect(all.metrics["accuracy"] != nil && all.metrics["val_accuracy"] == nil)
        #expect(held.metrics["train_loss"] != all.metrics["train_loss"])
    }

    @Test("validation_samples must leave a training row, and needs a classification problem")
    func badValues() throws {
        var config = digitsConfig(.direct, steps: 10)
        config.validationSamples = 1437
        #expect {
            try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 1)
        } throws: { error in
            guard case let CoreError.invalidField(field, value, allowed) = error else { return false }
            return field == "validation_samples" && value == "1437" && allowed.contains("1437")
        }
        var regression = TrialConfig()
        regression.validationSamples = 10
        #expect(throws: CoreError.invalidField(field: "validation_samples", value: "set",
                                               allowed: "null: the field needs problem digits, teacher-student or mnist1d")) {
            try regression.validate()
        }
    }
}
