import BenchmarkSupport
import CLinearAlgebra
import Core
import Foundation

// Steps per second of mask-weight gradient descent on sparse regression, beside the steps per
// second of the two cblas_dgemv calls (r = Zx − y, g = Zᵀr/n) such a step needs and the target.
// Prints a Markdown table; run through `make bench` (OPENBLAS_NUM_THREADS=1, release, -Ounchecked).
//
// Rates are the median over repetitions of steps per second of this thread's CPU time, so other
// processes on a shared machine slow them less than wall-clock time would.
//
// `mirrorsweep-bench measure …` times one trainer instead (see Measure.swift);
// `mirrorsweep-bench parameterizations` prints only the table of ParameterizationBench.swift.

if CommandLine.arguments.dropFirst().first == "measure" {
    exit(Measure.main(Array(CommandLine.arguments.dropFirst(2))))
}
if CommandLine.arguments.dropFirst().first == "parameterizations" {
    try ParameterizationBench.run()
    exit(0)
}

/// One benchmark size, how many steps one repetition runs and the rate it must reach.
struct Size {
    let dimension: Int
    let samples: Int
    let steps: Int
    /// Steps per second the trainer must reach; nil when the target is the two dgemv calls.
    let target: Double?
}

/// (100, 40) must run 1.5× JAX jit (~822,000 steps/s); the larger sizes must not be slower than
/// the two dgemv calls a step needs.
let sizes = [
    Size(dimension: 100, samples: 40, steps: 400_000, target: 1_250_000),
    Size(dimension: 1000, samples: 400, steps: 10_000, target: nil),
    Size(dimension: 10_000, samples: 2000, steps: 60, target: nil),
]
let repetitions = 7

/// Steps per second of the trainer itself.
func trainerRate(_ size: Size, data: RegressionData) throws -> Double {
    var config = TrialConfig()
    config.dimension = size.dimension
    config.samples = size.samples
    config.testSamples = 0
    config.learningRate = 1e-3
    config.weightDecay = 1e-3
    config.steps = size.steps
    config.curvePoints = 0
    let trainer = try SparseRegressionTrainer(config: config, data: data, seed: 1)
    let start = cpuSeconds()
    trainer.advance(to: size.steps)
    let elapsed = cpuSeconds() - start
    precondition(trainer.status == .completed, "benchmark run diverged")
    return Double(size.steps) / elapsed
}

/// Steps per second of only the two matrix–vector products of a step.
func dgemvRate(_ size: Size, data: RegressionData) -> Double {
    let n = size.samples, d = size.dimension
    var x = [Double](repeating: 0.01, count: d)
    var r = [Double](repeating: 0, count: n)
    var g = [Double](repeating: 0, count: d)
    let start = cpuSeconds()
    data.design.withUnsafeBufferPointer { z in
        for _ in 0..<size.steps {
            cblas_dgemv(CblasRowMajor, CblasNoTrans, blasint(n), blasint(d), 1, z.baseAddress, blasint(d), &x, 1, -1, &r, 1)
            cblas_dgemv(CblasRowMajor, CblasTrans, blasint(n), blasint(d), 1 / Double(n), z.baseAddress, blasint(d), &r, 1, 0, &g, 1)
        }
    }
    let elapsed = cpuSeconds() - start
    return Double(size.steps) / elapsed
}

print("| d | n | trainer steps/s | two dgemv steps/s | trainer / dgemv | target steps/s | meets target |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | :---: |")
for size in sizes {
    let data = RegressionData.generate(
        samples: size.samples, dimension: size.dimension, sparsity: 5, noise: 0, testSamples: 0, seed: 7)
    var trainer: [Double] = []
    var gemv: [Double] = []
    for _ in 0..<repetitions {
        trainer.append(try trainerRate(size, data: data))
        gemv.append(dgemvRate(size, data: data))
    }
    let t = median(trainer), g = median(gemv)
    let target = size.target ?? g
    let columns = [
        "\(size.dimension)", "\(size.samples)", "\(Int(t.rounded()))", "\(Int(g.rounded()))", String(format: "%.2f", t / g),
        size.target.map { "\(Int($0))" } ?? "two dgemv", t >= target ? "yes" : "no",
    ]
    print("| " + columns.joined(separator: " | ") + " |")
}
try ParameterizationBench.run()
try BatchBench.run()
try MatrixSensingBench.run()
try runMLPBenchmark()
