import Core
import Foundation
import Testing

@Suite("PILoT adaptive schedule")
struct PilotScheduleTests {
    @Test("the rule, epoch by epoch, on hand-made statistics")
    func ruleStepByStep() {
        var rule = PILoTSchedule(delta: 2, budget: 100, totalEpochs: 10, weightDecay: 0.01, initialAccuracy: 0.1)
        // (epoch, train accuracy, l1, grows, λ afterwards)
        let steps: [(Int, Double, Double, Bool, Double)] = [
            (1, 0.5, 300, true, 0.02),      // accuracy up, above budget, 1 ≤ T/2
            (2, 0.5, 250, true, 0.04),      // an equal accuracy has not dropped
            (3, 0.4, 200, false, 0.02),     // accuracy dropped
            (4, 0.6, 100, false, 0.01),     // l1 not above the budget
            (5, 0.7, 150, true, 0.02),      // k = T/2 still grows
            (6, 0.8, 150, false, 0.01),     // past T/2
            (7, 0.9, 150, false, 0.005),
        ]
        for (epoch, accuracy, l1, grows, lambda) in steps {
            #expect(rule.endEpoch(epoch, trainAccuracy: accuracy, l1: l1) == grows, "epoch \(epoch)")
            #expect(rule.weightDecay == lambda, "epoch \(epoch)")
            #expect(rule.previousAccuracy == accuracy)
        }
    }

    @Test("pilot:DELTA:BUDGET parses, prints and round-trips through Codable")
    func roundTrip() throws {
        let schedule = try WeightDecaySchedule(parsing: "pilot:1.1:500")
        #expect(schedule == .pilot(delta: 1.1, budget: 500))
        #expect(schedule.description == "pilot:1.1:500.0")
        let json = try JSONEncoder().encode([schedule])
        #expect(try JSONDecoder().decode([WeightDecaySchedule].self, from: json) == [schedule])
        #expect(try WeightDecaySchedule(parsing: schedule.description) == schedule)
        #expect(schedule.isAdaptive && schedule.containsAdaptive)
        #expect(schedule.factor(at: 123, totalSteps: 1000) == 1)
        #expect(!WeightDecaySchedule.constant.isAdaptive)
        #expect(WeightDecaySchedule.allowedForms.contains("pilot:DELTA:BUDGET"))
    }

    @Test("malformed pilot strings name the problem", arguments: [
        ("pilot", "wrong number of parameters for pilot"),
        ("pilot:1.1", "wrong number of parameters for pilot"),
        ("pilot:1:500", "pilot needs the factor DELTA as a number > 1"),
        ("pilot:0.5:500", "pilot needs the factor DELTA as a number > 1"),
        ("pilot:x:500", "pilot needs the factor DELTA as a number > 0"),
        ("pilot:1.1:0", "pilot needs the L1 budget BUDGET (or auto) as a number > 0"),
        ("pilot:1.1:500:3", "pilot needs the switch-off fraction F as a number in (0, 1]"),
        ("pilot:1.1:500:0.5:1", "wrong number of parameters for pilot"),
    ])
    func malformed(text: String, message: String) {
        #expect {
            _ = try WeightDecaySchedule(parsing: text)
        } throws: { error in
            guard case let .invalidField(field, value, allowed) = error as? CoreError else { return false }
            return field == "schedule" && value == text && allowed.contains(message)
        }
    }

    @Test("a trial rejects pilot outside classification, after warmup, and with λ = 0")
    func configChecks() {
        func field(_ config: TrialConfig) -> String? {
            do {
                try config.validate()
                return nil
            } catch {
                guard case let .invalidField(field, _, _) = error else { return "other" }
                return field
            }
        }
        var regression = TrialConfig()
        regression.weightDecay = 0.1
        regression.schedule = .pilot(delta: 1.1, budget: 10)
        #expect(field(regression) == "schedule")
        var digits = digitsConfig(steps: 10, weightDecay: 0.1, schedule: .pilot(delta: 1.1, budget: 10))
        #expect(field(digits) == nil)
        digits.schedule = .warmup(steps: 5, then: .pilot(delta: 1.1, budget: 10))
        #expect(field(digits) == "schedule")
        digits.schedule = .pilot(delta: 1.1, budget: 10)
        digits.weightDecay = 0
        #expect(field(digits) == "weight_decay")
    }

    @Test("the trainer applies the rule to its own epoch statistics")
    func trainerFollowsTheRule() throws {
        let data = try repositoryDigits.get()
        let config = digitsConfig(steps: 23 * 6, weightDecay: 1e-3, schedule: .pilot(delta: 1.5, budget: 300))
        let trainer = try MLPTrainer(config: config, data: data, seed: 4)
        #expect(trainer.totalEpochs == 6)
        var expected = PILoTSchedule(
            delta: 1.5, budget: 300, totalEpochs: 6, weightDecay: 1e-3, initialAccuracy: trainer.trainEvaluation().accuracy)
        var lambdaIntegral = 0.0
        var grown = 0
        for epoch in 1...6 {
            let lambda = expected.weightDecay
            trainer.runEpoch()
            #expect(trainer.lastWeightDecay == lambda)
            lambdaIntegral += Double(trainer.stepsPerEpoch) * 0.1 * lambda
            if expected.endEpoch(epoch, trainAccuracy: trainer.trainEvaluation().accuracy, l1: trainer.weightL1()) { grown += 1 }
            #expect(trainer.pilot == expected, "epoch \(epoch)")
        }
        #expect(grown >= 1)
        #expect(abs(trainer.lambdaIntegral - lambdaIntegral) < 1e-12)
    }
}
