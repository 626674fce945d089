import BenchmarkSupport
import Core

/// Steps per second of every parameterization of sweeps/depth-weight-decay.yaml at the paper size
/// (d = 100, n = 40, k = 5, σ = 0, a₀ = 1, full-batch GD, η = 0.02, λ = 0.01 constant), beside
/// mask-weight: the issue-16 target is at most 2× mask-weight's time per step. Timed twice: one
/// trainer alone, and a batch of 16 trials of the parameterization (λ = 0.01 … 0.025, as a sweep's
/// worker trains trials that share data: one batched gradient pass, then each trial's own step),
/// set-up and results included. Each repetition times every parameterization once, one after
/// another, and a ratio is the median of the repetitions' ratios (the machine's speed drifts
/// between repetitions). Prints a Markdown table.
enum ParameterizationBench {
    static let steps = 100_000, batchSteps = 10_000, trials = 16, repetitions = 7, target = 2.0

    /// The (parameterization, depth) pairs of the sweep, mask-weight first.
    static let shapes: [(ParameterizationKind, Int)] = [
        (.maskWeight, 2), (.direct, 1), (.hadamard, 3), (.hadamard, 4), (.diffOfPowers, 2), (.diffOfPowers, 3), (.diffOfPowers, 4),
    ]

    static func run() throws {
        let data = RegressionData.generate(samples: 40, dimension: 100, sparsity: 5, noise: 0, testSamples: 0, seed: 7)
        var rates = [[Double]](repeating: [], count: shapes.count)
        var batched = [[Double]](repeating: [], count: shapes.count)
        for _ in 0..<repetitions {
            for (k, shape) in shapes.enumerated() {
                rates[k].append(try rate(shape.0, depth: shape.1, data: data))
                batched[k].append(try batchRate(shape.0, depth: shape.1, data: data))
            }
        }
        print("")
        print("| parameterization | L | d | n | steps/s | µs/step | time / mask-weight | batch of 16: trial-steps/s | time / mask-weight | target | meets target |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |")
        for (k, shape) in shapes.enumerated() {
            let r = median(rates[k]), b = median(batched[k])
            let ratio = median(zip(rates[0], rates[k]).map { $0 / $1 })
            let batchRatio = median(zip(batched[0], batched[k]).map { $0 / $1 })
            let columns = [
                shape.0.rawValue, "\(shape.1)", "100", "40", "\(Int(r.rounded()))", String(format: "%.2f", 1e6 / r),
                String(format: "%.2f", ratio), "\(Int(b.rounded()))", String(format: "%.2f", batchRatio),
                String(format: "≤ %.1f", target), max(ratio, batchRatio) <= target ? "yes" : "no",
            ]
            print("| " + columns.joined(separator: " | ") + " |")
        }
    }

    /// The sweep's configuration of one trial, for `steps` steps with weight decay `weightDecay`.
    static func config(_ kind: ParameterizationKind, depth: Int, weightDecay: Double, steps: Int) -> TrialConfig {
        var config = TrialConfig()
        config.parameterization = kind
        config.depth = depth
        config.dimension = 100
        config.samples = 40
        config.sparsity = 5
        config.noise = 0
        config.testSamples = 0
        config.dataSeed = 7
        config.initScale = 1
        config.learningRate = 0.02
        config.weightDecay = weightDecay
        config.steps = steps
        config.curvePoints = 0
        return config
    }

    /// Steps per second of thread CPU time of one trainer of the sweep's configuration.
    static func rate(_ kind: ParameterizationKind, depth: Int, data: RegressionData) throws -> Double {
        let config = config(kind, depth: depth, weightDecay: 0.01, steps: steps)
        let trainer = try SparseRegressionTrainer(config: config, data: data, seed: 1)
        let start = cpuSeconds()
        trainer.advance(to: steps)
        let elapsed = cpuSeconds() - start
        precondition(trainer.status == .completed, "benchmark run diverged")
        return Double(steps) / elapsed
    }

    /// Trial-steps per second of thread CPU time of `trials` trials of the sweep's configuration
    /// (λ = 0.01 + t·10⁻³) trained together by ``TrialBatch``.
    static func batchRate(_ kind: ParameterizationKind, depth: Int, data: RegressionData) throws -> Double {
        let configs = (0..<trials).map { t in
            (config: config(kind, depth: depth, weightDecay: 0.01 + Double(t) * 1e-3, steps: batchSteps), seed: UInt64(t))
        }
        let start = cpuSeconds()
        let results = TrialBatch.run(configs, on: data)
        let elapsed = cpuSeconds() - start
        for result in results {
            let outcome = try result.get()
            precondition(outcome.status == .completed, "benchmark run diverged")
        }
        return Double(trials * batchSteps) / elapsed
    }
}
