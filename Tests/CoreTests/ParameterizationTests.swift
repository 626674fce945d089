import Core
import Testing

@Suite("Parameterizations and optimizers")
struct ParameterizationTests {
    static func initialAndFinalLoss(_ config: TrialConfig) throws -> (Double, Double) {
        var c = config
        c.curvePoints = 2
        let result = try runTrial(c, seed: 1)
        #expect(result.status == .completed)
        return (result.curves.first!.metrics["train_loss"]!, result.metrics["train_loss"]!)
    }

    @Test("Every parameterization and regularizer reduces the loss", arguments: [
        (ParameterizationKind.direct, 1), (.maskWeight, 2), (.hadamard, 2), (.hadamard, 3), (.diffOfPowers, 2), (.diffOfPowers, 3),
    ], RegularizerKind.allCases)
    func reducesLoss(shape: (kind: ParameterizationKind, depth: Int), regularizer: RegularizerKind) throws {
        let (kind, depth) = shape
        var config = regressionConfig(kind, depth: depth, learningRate: 0.01, weightDecay: 1e-3, steps: 500)
        config.regularizer = regularizer
        let (initial, final) = try Self.initialAndFinalLoss(config)
        #expect(final < 0.1 * initial)
    }

    @Test("Hadamard-2 equals mask-weight bit for bit, with weight decay and momentum")
    func hadamardTwoIsMaskWeight() throws {
        for optimizer in [OptimizerKind.gd, .momentum] {
            var mask = regressionConfig(weightDecay: 0.05, steps: 400)
            mask.optimizer = optimizer
            mask.learningRate = 0.005
            var hadamard = mask
            hadamard.parameterization = .hadamard
            let a = try runTrial(mask, seed: 1), b = try runTrial(hadamard, seed: 1)
            #expect(bits(a.x) == bits(b.x))
            #expect(bits(a.metrics) == bits(b.metrics))
        }
    }

    @Test("The compatible regularizer equals L2 at depth 2 and differs at depth 3")
    func compatibleAtDepthTwo() throws {
        for (kind, depth) in [(ParameterizationKind.maskWeight, 2), (.diffOfPowers, 2), (.hadamard, 3)] {
            var l2 = regressionConfig(kind, depth: depth, learningRate: 0.01, weightDecay: 0.1, steps: 300)
            var compatible = l2
            compatible.regularizer = .compatible
            l2.regularizer = .l2
            let same = bits(try runTrial(l2, seed: 1).x) == bits(try runTrial(compatible, seed: 1).x)
            #expect(same == (depth == 2))
        }
    }

    @Test("SGD and heavy-ball momentum reduce the loss", arguments: [
        (OptimizerKind.sgd, 10 as Int?), (.momentum, nil), (.momentum, 10),
    ])
    func stochasticAndMomentum(optimizer: OptimizerKind, batchSize: Int?) throws {
        var config = regressionConfig(learningRate: 0.005, steps: 1000)
        config.optimizer = optimizer
        config.batchSize = batchSize
        let (initial, final) = try Self.initialAndFinalLoss(config)
        #expect(final < 0.05 * initial)
    }

    @Test("SGD is deterministic given the seed; the seed changes only the minibatch stream")
    func sgdDeterminism() throws {
        var config = regressionConfig(learningRate: 0.01, steps: 300)
        config.optimizer = .sgd
        config.batchSize = 8
        let a = try runTrial(config, seed: 3), b = try runTrial(config, seed: 3), c = try runTrial(config, seed: 4)
        #expect(bits(a.x) == bits(b.x))
        #expect(bits(a.x) != bits(c.x))
        config.batchSize = 40
        let full = try runTrial(config, seed: 3)
        config.optimizer = .gd
        let gd = try runTrial(config, seed: 3)
        #expect(bits(full.x) == bits(gd.x))
    }

    @Test("A minibatch larger than the data set is rejected, naming the field")
    func oversizedBatch() {
        var config = regressionConfig(steps: 10)
        config.optimizer = .sgd
        config.batchSize = 41
        #expect(throws: CoreError.invalidField(field: "batch_size", value: "41", allowed: "an integer from 1 to the number of samples (40)")) {
            try runTrial(config, seed: 1)
        }
    }
}
