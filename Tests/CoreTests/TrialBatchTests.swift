@testable import Core
import Testing

@Suite("Batched trials")
struct TrialBatchTests {
    /// Trials on the data of `regressionConfig` (d = 100, n = 40, data seed 5) that differ in
    /// everything a batch allows, with curves and held-out rows; the last one diverges.
    static func mixedTrials() -> [(config: TrialConfig, seed: UInt64)] {
        func trial(
            _ kind: ParameterizationKind, depth: Int? = nil, eta: Double = 0.02, lambda: Double = 0,
            schedule: WeightDecaySchedule = .constant, steps: Int = 120, seed: UInt64 = 1,
            change: (inout TrialConfig) -> Void = { _ in }
        ) -> (config: TrialConfig, seed: UInt64) {
            var c = regressionConfig(
                kind, depth: depth ?? TrialConfig.defaultDepth(for: kind), learningRate: eta, weightDecay: lambda,
                schedule: schedule, steps: steps)
            c.testSamples = 30
            c.curvePoints = 6
            change(&c)
            return (c, seed)
        }
        return [
            trial(.maskWeight, lambda: 1e-3),
            trial(.maskWeight, lambda: 1e-2, schedule: .cosine(end: 100), seed: 2),
            trial(.hadamard, depth: 3, eta: 0.01, lambda: 1e-3, steps: 90, seed: 3),
            trial(.direct, eta: 0.05, lambda: 1e-3, seed: 4) { $0.regularizer = .compatible },
            trial(.diffOfPowers, depth: 2, lambda: 1e-3, steps: 75),
            trial(.maskWeight, eta: 0.01, seed: 5) { $0.optimizer = .momentum },
            trial(.maskWeight, lambda: 1e-3, steps: 0),
            trial(.maskWeight, eta: 0.02, steps: 50) { $0.thresholds = [1e-2, 1e-4] },
            trial(.maskWeight, eta: 40, steps: 120, seed: 6),
        ]
    }

    /// The parts of a result that must match bit for bit (all but `wallSeconds`).
    static func fingerprint(_ r: TrialResult) -> String {
        let curves = r.curves.map { "\($0.step):\(bits($0.metrics).sorted { $0.key < $1.key })" }
        return "\(r.status) \(r.steps) \(String(describing: r.divergedAt)) \(bits(r.x)) \(bits(r.metrics).sorted { $0.key < $1.key }) \(curves)"
    }

    /// Mask-weight and depth-2 Hadamard trials with the l2 regularizer under plain gradient descent
    /// (every trainer takes the product-of-two step, which a batch runs in one call) that differ
    /// in λ, schedule, η, length, seed and curve points; the last one diverges.
    static func productOfTwoTrials() -> [(config: TrialConfig, seed: UInt64)] {
        func trial(
            _ kind: ParameterizationKind, eta: Double = 0.02, lambda: Double = 1e-3,
            schedule: WeightDecaySchedule = .constant, steps: Int = 120, seed: UInt64 = 1, curvePoints: Int = 6
        ) -> (config: TrialConfig, seed: UInt64) {
            var c = regressionConfig(kind, depth: 2, learningRate: eta, weightDecay: lambda, schedule: schedule, steps: steps)
            c.testSamples = 30
            c.curvePoints = curvePoints
            return (c, seed)
        }
        return [
            trial(.maskWeight),
            trial(.maskWeight, lambda: 1e-2, schedule: .cosine(end: 100), seed: 2, curvePoints: 0),
            trial(.hadamard, eta: 0.01, steps: 90, seed: 3),
            trial(.maskWeight, lambda: 0, steps: 75, seed: 4, curvePoints: 11),
            trial(.maskWeight, schedule: .offAt(step: 40), seed: 5),
            trial(.maskWeight, eta: 40, steps: 120, seed: 6),
        ]
    }

    /// `instructionSet` indexes ``LeastSquaresGradient/supported`` (portable C first).
    @Test("Each trial of a batch gets the bits of its run alone, on every instruction set",
          arguments: LeastSquaresGradient.supported.indices)
    func bitIdenticalToSingleRuns(instructionSet: Int) throws {
        try expectBitsOfSingleRuns(Self.mixedTrials(), kernels: LeastSquaresGradient.supported[instructionSet])
    }

    @Test("A batch whose trainers all take the product-of-two step gets the bits of single runs",
          arguments: LeastSquaresGradient.supported.indices)
    func productOfTwoBatch(instructionSet: Int) throws {
        let trials = Self.productOfTwoTrials()
        let data = regressionData(testSamples: 30)
        for trial in trials {
            #expect(try SparseRegressionTrainer(config: trial.config, data: data, seed: trial.seed).takesProductOfTwoStep)
        }
        try expectBitsOfSingleRuns(trials, kernels: LeastSquaresGradient.supported[instructionSet])
    }

    /// Runs `trials` alone and as one batch on `kernels`: every result and progress report is the
    /// same bits; the last trial diverges, the others complete.
    func expectBitsOfSingleRuns(_ trials: [(config: TrialConfig, seed: UInt64)], kernels: LeastSquaresGradient) throws {
        var alone: [String] = [], aloneProgress: [[String]] = []
        for trial in trials {
            var points: [String] = []
            let result = try runTrial(trial.config, seed: trial.seed) { points.append("\($0.step) \(bits($0.metrics).sorted { $0.key < $1.key })") }
            alone.append(Self.fingerprint(result))
            aloneProgress.append(points)
        }
        var batchProgress = [[String]](repeating: [], count: trials.count)
        let results = TrialBatch.run(trials, progress: { k, point in
            batchProgress[k].append("\(point.step) \(bits(point.metrics).sorted { $0.key < $1.key })")
        }, kernels: kernels)
        #expect(results.count == trials.count)
        for (k, result) in results.enumerated() {
            let r = try result.get()
            #expect(Self.fingerprint(r) == alone[k], "trial \(k)")
            #expect(batchProgress[k] == aloneProgress[k], "progress of trial \(k)")
        }
        let statuses = try results.map { try $0.get().status }
        #expect(statuses.last == .diverged)
        #expect(statuses.dropLast().allSatisfy { $0 == .completed })
    }

    @Test("Trials of one key share data; other data, minibatches and other problems get other keys or none")
    func keys() {
        var a = regressionConfig(steps: 10)
        var b = a
        b.weightDecay = 0.1
        b.parameterization = .hadamard
        b.depth = 3
        #expect(TrialBatch.key(config: a, seed: 1) != nil)
        #expect(TrialBatch.key(config: a, seed: 1) == TrialBatch.key(config: b, seed: 9))
        a.dataSeed = nil
        #expect(TrialBatch.key(config: a, seed: 1) != TrialBatch.key(config: a, seed: 2))
        b.optimizer = .sgd
        b.batchSize = 8
        #expect(TrialBatch.key(config: b, seed: 1) == nil)
        b.batchSize = 40
        #expect(TrialBatch.key(config: b, seed: 1) == TrialBatch.key(config: regressionConfig(steps: 3), seed: 1))
        var sensing = TrialConfig()
        sensing.problem = .matrixSensing
        #expect(TrialBatch.key(config: sensing, seed: 1) == nil)
        var invalid = regressionConfig(steps: 10)
        invalid.learningRate = -1
        #expect(TrialBatch.key(config: invalid, seed: 1) == nil)
    }

    @Test("Unbatchable, invalid and differently keyed trials in one call each get their own result")
    func mixedKeys() throws {
        var sgd = regressionConfig(learningRate: 0.01, steps: 40)
        sgd.optimizer = .sgd
        sgd.batchSize = 10
        var otherData = regressionConfig(steps: 40)
        otherData.dataSeed = 6
        var invalid = regressionConfig(steps: 40)
        invalid.depth = 3
        let trials: [(config: TrialConfig, seed: UInt64)] = [
            (regressionConfig(steps: 40), 1), (sgd, 2), (otherData, 1), (invalid, 1), (regressionConfig(weightDecay: 0.1, steps: 30), 1),
        ]
        let results = TrialBatch.run(trials)
        for k in [0, 1, 2, 4] {
            #expect(Self.fingerprint(try results[k].get()) == Self.fingerprint(try runTrial(trials[k].config, seed: trials[k].seed)))
        }
        #expect(throws: CoreError.self) { try results[3].get() }
    }

    /// Shapes across the batched kernel's blocks: trial counts around its groups of 8, row counts
    /// around its register blocks of 3 rows, column tails, several column slices (d > 256) and
    /// several row blocks (n > 64).
    @Test("The batched kernel gives every predictor the single kernel's bits, with or without residuals", arguments: [
        (1, 1, 1), (3, 9, 5), (7, 13, 16), (40, 100, 17), (41, 101, 3), (17, 129, 9), (9, 1100, 6), (140, 4001, 5),
        (130, 300, 16), (67, 517, 11),
    ])
    func kernelBits(shape: (rows: Int, columns: Int, trials: Int)) {
        let (n, d, count) = shape
        let (z, negY, _) = SparseRegressionTrainerKernelTests.problem(rows: n, columns: d, seed: UInt64(n + d))
        var rng = Xoshiro256StarStar(seed: 11)
        let xs = (0..<count).map { t in (0..<d).map { _ in (rng.nextUniform() - 0.5) * Double(t + 1) } }
        var expected: [(loss: Double, residual: [Double], gradient: [Double])] = []
        for x in xs {
            var r = [Double](repeating: 0, count: n), g = [Double](repeating: 0, count: d)
            let loss = LeastSquaresGradient.supported[0].evaluate(
                design: z, stride: d, negatedLabels: negY, rows: n, columns: d, x: x, residual: &r, gradient: &g)
            expected.append((loss, r, g))
        }
        for kernels in LeastSquaresGradient.supported {
            let xb = xs.map { v -> UnsafeMutablePointer<Double> in
                let p = UnsafeMutablePointer<Double>.allocate(capacity: d)
                p.initialize(from: v, count: d)
                return p
            }
            let rb = (0..<count).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: n) }
            let gb = (0..<count).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: d) }
            defer { for p in xb + rb + gb { p.deallocate() } }
            var workspace = [Double](repeating: 0, count: LeastSquaresGradient.batchWorkspace(rows: n, columns: d, trials: count))
            let xp: [UnsafePointer<Double>?] = xb.map { UnsafePointer($0) }
            let rp: [UnsafeMutablePointer<Double>?] = rb, gp: [UnsafeMutablePointer<Double>?] = gb
            for keepsResiduals in [true, false] {
                for p in rb { p.update(repeating: .nan, count: n) }
                for p in gb { p.update(repeating: .nan, count: d) }
                var losses = [Double](repeating: .nan, count: count)
                kernels.evaluate(
                    design: z, stride: d, negatedLabels: negY, rows: n, columns: d, trials: count,
                    x: xp, residual: keepsResiduals ? rp : nil, gradient: gp, loss: &losses, workspace: &workspace)
                for t in 0..<count {
                    #expect(losses[t].bitPattern == expected[t].loss.bitPattern, "\(kernels) trial \(t), residuals: \(keepsResiduals)")
                    #expect(bits(Array(UnsafeBufferPointer(start: gb[t], count: d))) == bits(expected[t].gradient))
                    if keepsResiduals {
                        #expect(bits(Array(UnsafeBufferPointer(start: rb[t], count: n))) == bits(expected[t].residual))
                    }
                }
            }
        }
    }
}
