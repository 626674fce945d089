import BenchmarkSupport
import Core

/// Trial-steps per second of 16 mask-weight trials (λ from 10⁻⁴ to 1.6·10⁻³) trained together by
/// ``TrialBatch``, beside the same 16 trials run one after another by single trainers. The batch's
/// rate comes from the difference between S and 2S steps (``Measure/batchRate(data:trials:steps:)``),
/// so its setup is not counted. Prints a Markdown table; the target is twice JAX's `vmap` over 16
/// trials on the same machine.
enum BatchBench {
    static let trials = 16, repetitions = 5

    /// (d, n, batch steps per repetition).
    static let sizes = [(100, 40, 20_000), (1000, 400, 300), (10_000, 2000, 12)]

    static func run() throws {
        print("")
        print("| d | n | trials | batched trial-steps/s | single trial-steps/s | batched / single |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for (d, n, steps) in sizes {
            let data = RegressionData.generate(samples: n, dimension: d, sparsity: 5, noise: 0, testSamples: 0, seed: 7)
            var batched: [Double] = [], single: [Double] = []
            _ = try Measure.batchSeconds(data: data, trials: trials, steps: 1)
            for _ in 0..<repetitions {
                batched.append(try Measure.batchRate(data: data, trials: trials, steps: steps))
                single.append(try singleTrialStepsPerSecond(data: data, trials: trials, steps: steps))
            }
            let b = median(batched), s = median(single)
            print("| \(d) | \(n) | \(trials) | \(Int(b.rounded())) | \(Int(s.rounded())) | \(String(format: "%.2f", b / s)) |")
        }
    }

    /// The configurations of the benchmark: `trials` mask-weight GD trials on `data`, λ_t = (t + 1)·10⁻⁴.
    /// The schedule `off-at` a step no run reaches keeps λ_t constant, but spares the results the
    /// lasso solution constant λ gets (`SparseRegressionTrainer.predictionMetrics()`): its cost,
    /// seconds at d = 10,000, is not a step's, and the single trainers do not pay it either.
    static func configs(data: RegressionData, trials: Int, steps: Int) -> [(config: TrialConfig, seed: UInt64)] {
        (0..<trials).map { t in
            var config = TrialConfig()
            config.dimension = data.dimension
            config.samples = data.samples
            config.testSamples = 0
            config.dataSeed = 7
            config.learningRate = 1e-3
            config.weightDecay = Double(t + 1) * 1e-4
            config.schedule = .offAt(step: 1 << 40)
            config.steps = steps
            config.curvePoints = 0
            return (config, UInt64(t))
        }
    }

    /// Trial-steps per second of the same trials run one after another.
    static func singleTrialStepsPerSecond(data: RegressionData, trials: Int, steps: Int) throws -> Double {
        let start = cpuSeconds()
        for (config, seed) in configs(data: data, trials: trials, steps: steps) {
            let trainer = try SparseRegressionTrainer(config: config, data: data, seed: seed)
            trainer.advance(to: steps)
            precondition(trainer.status == .completed, "benchmark run diverged")
        }
        return Double(trials * steps) / (cpuSeconds() - start)
    }
}
