import Core
import Foundation

/// `mirrorsweep-bench measure`: steps per second of one trainer at one size, for the side-by-side
/// driver (Benchmarks/side_by_side.py), which runs the same algorithm in NumPy and JAX.
///
/// ```
/// mirrorsweep-bench measure --workload mask-weight|matrix-sensing --dimension D --samples N
///                           --steps S [--batch B] [--repetitions K] [--rank R] [--json]
/// ```
///
/// `--samples` is n for mask-weight and the number of measurements m for matrix-sensing (rank
/// `--rank`, default 3). Hyperparameters are those of Benchmarks/reference: mask-weight η = 10⁻³,
/// λ = 10⁻³, β = 1; matrix sensing (X = UUᵀ) η = 0.05, λ = 10⁻⁴, α = 10⁻². Data come from seed 7.
/// `--batch B` (mask-weight only) trains B trials on the same data together (``TrialBatch``) and
/// reports trial-steps per second. Each repetition builds fresh trainers and times only their
/// steps, in process CPU time: a batch, which sets up its trainers and computes its results
/// inside one call, runs once untimed (first touches of memory), then for S and for 2S steps, and
/// the rate is B·S over the difference (S doubled, up to three times, while noise hides it). Prints
/// the median rate (and every repetition's with `--json`); exits with status 2 on bad arguments.
enum Measure {
    /// The problems `measure` can time.
    enum Workload: String {
        case maskWeight = "mask-weight"
        case matrixSensing = "matrix-sensing"
    }

    /// The parsed command line.
    struct Request {
        var workload: Workload?
        var dimension: Int?
        var samples: Int?
        var steps: Int?
        var repetitions = 3
        var rank = 3
        var batch = 1
        var json = false
    }

    /// Runs `measure` with the arguments after the subcommand's name; returns the exit status.
    static func main(_ arguments: [String]) -> Int32 {
        let request: Request
        do {
            request = try parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("mirrorsweep-bench measure: \(error)\n".utf8))
            return 2
        }
        do {
            let rates = try (0..<request.repetitions).map { _ in try rate(request) }
            print(report(request, rates: rates))
            return 0
        } catch {
            FileHandle.standardError.write(Data("mirrorsweep-bench measure: \(error)\n".utf8))
            return 1
        }
    }

    /// Why a measurement did not happen.
    enum MeasureError: Error, CustomStringConvertible {
        /// A command-line mistake, with what is allowed (exit status 2).
        case usage(String)
        /// The trainer produced a NaN or infinity at `step` (exit status 1).
        case diverged(workload: String, step: Int)
        /// A batch of 2S steps took no longer than one of S steps, even with S doubled three times:
        /// S is too small to time (exit status 1).
        case noSteadyState(short: Double, long: Double)

        var description: String {
            switch self {
            case let .usage(message): return message
            case let .diverged(workload, step): return "the \(workload) run diverged at step \(step)"
            case let .noSteadyState(short, long):
                return "a batch of 2S steps took \(long) s and one of S steps \(short) s: raise --steps"
            }
        }
    }

    static func parse(_ arguments: [String]) throws(MeasureError) -> Request {
        var request = Request()
        var rest = arguments[...]
        func value(_ flag: String) throws(MeasureError) -> String {
            guard let v = rest.popFirst() else { throw .usage("\(flag) needs a value") }
            return v
        }
        func positive(_ flag: String) throws(MeasureError) -> Int {
            let text = try value(flag)
            guard let v = Int(text), v >= 1 else { throw .usage("\(flag) must be an integer ≥ 1, got '\(text)'") }
            return v
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--workload":
                let text = try value(flag)
                guard let w = Workload(rawValue: text) else {
                    throw .usage("--workload must be mask-weight or matrix-sensing, got '\(text)'")
                }
                request.workload = w
            case "--dimension": request.dimension = try positive(flag)
            case "--samples": request.samples = try positive(flag)
            case "--steps": request.steps = try positive(flag)
            case "--repetitions": request.repetitions = try positive(flag)
            case "--rank": request.rank = try positive(flag)
            case "--batch": request.batch = try positive(flag)
            case "--json": request.json = true
            default:
                throw .usage("unknown option '\(flag)'; allowed: --workload, --dimension, --samples, --steps, --batch, --repetitions, --rank, --json")
            }
        }
        guard request.workload != nil, request.dimension != nil, request.samples != nil, request.steps != nil else {
            throw .usage("--workload, --dimension, --samples and --steps are required")
        }
        if request.workload == .matrixSensing, request.batch > 1 {
            throw .usage("--batch needs --workload mask-weight: matrix-sensing trials train one at a time")
        }
        if request.workload == .matrixSensing, request.rank > request.dimension! {
            throw .usage("--rank must be at most --dimension (\(request.dimension!)), got \(request.rank)")
        }
        return request
    }

    /// Trial-steps per second of a batch, from the difference between a batch of 2S steps and
    /// one of S steps (which cancels the batch's setup). On a busy machine S may be too short to
    /// tell them apart: S is doubled, up to three times, before the run gives up.
    static func batchRate(data: RegressionData, trials: Int, steps: Int) throws -> Double {
        var steps = steps
        var doublings = 0
        while true {
            let short = try batchSeconds(data: data, trials: trials, steps: steps)
            let long = try batchSeconds(data: data, trials: trials, steps: 2 * steps)
            if long > short { return Double(trials * steps) / (long - short) }
            guard doublings < 3 else { throw MeasureError.noSteadyState(short: short, long: long) }
            doublings += 1
            steps *= 2
        }
    }

    /// Steps per second of process CPU time of one fresh trainer.
    static func rate(_ request: Request) throws -> Double {
        let d = request.dimension!, n = request.samples!, steps = request.steps!
        var config = TrialConfig()
        config.dimension = d
        config.steps = steps
        config.curvePoints = 0
        switch request.workload! {
        case .maskWeight:
            config.samples = n
            config.sparsity = min(5, d)
            config.testSamples = 0
            config.learningRate = 1e-3
            config.weightDecay = 1e-3
            let data = RegressionData.generate(samples: n, dimension: d, sparsity: config.sparsity, noise: 0, testSamples: 0, seed: 7)
            if request.batch > 1 {
                _ = try batchSeconds(data: data, trials: request.batch, steps: 1)
                return try batchRate(data: data, trials: request.batch, steps: steps)
            }
            let trainer = try SparseRegressionTrainer(config: config, data: data, seed: 1)
            return try stepsPerSecond(workload: .maskWeight, steps: steps) {
                trainer.advance(to: steps)
                return trainer.divergedAt
            }
        case .matrixSensing:
            config.problem = .matrixSensing
            config.model = .uu
            config.rank = request.rank
            config.measurements = n
            config.initScale = 1e-2
            config.learningRate = 0.05
            config.weightDecay = 1e-4
            let data = MatrixSensingData.generate(dimension: d, rank: request.rank, measurements: n, noise: 0, seed: 7)
            let trainer = try MatrixSensingTrainer(config: config, data: data, seed: 1)
            return try stepsPerSecond(workload: .matrixSensing, steps: steps) {
                trainer.advance(to: steps)
                return trainer.divergedAt
            }
        }
    }

    /// Steps per second of process CPU time of `train`, which runs `steps` steps of one trainer
    /// and returns the step at which it diverged, if it did.
    static func stepsPerSecond(workload: Workload, steps: Int, _ train: () -> Int?) throws -> Double {
        let start = processSeconds()
        let divergedAt = train()
        let elapsed = processSeconds() - start
        if let step = divergedAt { throw MeasureError.diverged(workload: workload.rawValue, step: step) }
        return Double(steps) / elapsed
    }

    /// Process CPU seconds of one ``TrialBatch/run(_:on:progress:)`` of `trials` trials for `steps`
    /// steps, from setting up their trainers to their results.
    static func batchSeconds(data: RegressionData, trials: Int, steps: Int) throws -> Double {
        let configs = BatchBench.configs(data: data, trials: trials, steps: steps)
        let start = processSeconds()
        let results = TrialBatch.run(configs, on: data)
        let elapsed = processSeconds() - start
        for result in results {
            let outcome = try result.get()
            if outcome.status != .completed { throw MeasureError.diverged(workload: "mask-weight", step: outcome.steps) }
        }
        return elapsed
    }

    /// The median rate as one JSON object (with `--json`) or one line of text.
    static func report(_ request: Request, rates: [Double]) -> String {
        let sorted = rates.sorted()
        let mid = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        guard request.json else {
            let unit = request.batch > 1 ? "trial-steps/s (\(request.batch) trials together)" : "steps/s"
            return "\(request.workload!.rawValue) d = \(request.dimension!) n = \(request.samples!): \(Int(median.rounded())) \(unit) (median of \(rates.count), process CPU time)"
        }
        let runs = rates.map { String($0) }.joined(separator: ",")
        return """
            {"system":"mirrorsweep","workload":"\(request.workload!.rawValue)","dimension":\(request.dimension!),\
            "samples":\(request.samples!),"steps":\(request.steps!),"batch":\(request.batch),"clock":"process-cpu",\
            "\(request.batch > 1 ? "trial_steps_per_second" : "steps_per_second")":\(median),"runs":[\(runs)]}
            """
    }

    /// CPU seconds used by this process so far.
    static func processSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
