import Core
import Foundation

// Seconds per epoch of MLP training on the digits set (1,437 training rows, 64 per minibatch, so
// 23 heavy-ball steps, plus the epoch's evaluation of the training set). Prints a Markdown table.

/// One network of the MLP benchmark.
private struct MLPBenchCase {
    let widths: [Int]
    let parameterization: ParameterizationKind
}

/// Measures and prints the seconds per epoch of each case: the median over 7 repetitions of 10 epochs.
func runMLPBenchmark() throws {
    let data = try ClassificationData.digits(directory: try DataLocation.directory(name: "digits", marker: ClassificationData.digitsFileName, configured: nil))
    let cases = [
        MLPBenchCase(widths: [64], parameterization: .direct),
        MLPBenchCase(widths: [64], parameterization: .maskWeight),
        MLPBenchCase(widths: [256, 256], parameterization: .maskWeight),
    ]
    let epochs = 10, repetitions = 7
    let clock = ContinuousClock()
    print()
    print("| widths | parameterization | seconds/epoch |")
    print("| --- | --- | ---: |")
    for benchCase in cases {
        var config = TrialConfig()
        config.problem = .digits
        config.widths = benchCase.widths
        config.parameterization = benchCase.parameterization
        config.depth = benchCase.parameterization == .direct ? 1 : 2
        config.optimizer = .momentum
        config.batchSize = 64
        config.learningRate = 0.05
        config.weightDecay = 1e-4
        config.curvePoints = 0
        config.steps = epochs * 23
        var perEpoch: [Double] = []
        for repetition in 0..<repetitions {
            let trainer = try MLPTrainer(config: config, data: data, seed: UInt64(repetition))
            let start = clock.now
            trainer.advance(to: trainer.config.steps)
            let c = (clock.now - start).components
            precondition(trainer.status == .completed && trainer.epoch == epochs, "benchmark run diverged")
            perEpoch.append((Double(c.seconds) + Double(c.attoseconds) * 1e-18) / Double(epochs))
        }
        let sorted = perEpoch.sorted()
        let median = sorted[sorted.count / 2]
        let widths = benchCase.widths.map(String.init).joined(separator: ",")
        print("| \(widths) | \(benchCase.parameterization.rawValue) | \(String(format: "%.2e", median)) |")
    }
}
