/// Which trials can train together: equal keys share their data and take full-batch steps, so
/// one pass over Z per step serves them all (see ``TrialBatch``).
public struct TrialBatchKey: Hashable, Sendable {
    /// The data directory, or nil for generated data.
    let data: String?
    /// The generated data's n, d, k, σ, held-out rows and seed (zero when loaded from `data`).
    let samples: Int
    let dimension: Int
    let sparsity: Int
    let noise: Double
    let testSamples: Int
    let dataSeed: UInt64
}

/// Trains several sparse-regression trials that share their data in one pass per step: the
/// gradients of all of them come from one batched kernel call (a matrix–matrix product instead
/// of one matrix–vector product per trial); each trial then takes its own step. Trials may
/// differ in parameterization, depth, regularizer, λ, schedule, optimizer (full batch), η, steps,
/// thresholds and curve points.
public enum TrialBatch {
    /// The key of a trial that can train in a batch; nil when it cannot: an invalid
    /// configuration, a problem other than sparse regression, or minibatch SGD or momentum.
    public static func key(config: TrialConfig, seed: UInt64) -> TrialBatchKey? {
        guard config.problem == .sparseRegression, (try? config.validate()) != nil else { return nil }
        let fullBatch = config.optimizer == .gd || config.batchSize == nil
            || (config.data == nil && config.batchSize.map { $0 >= config.samples } ?? false)
        guard fullBatch else { return nil }
        if let directory = config.data {
            return TrialBatchKey(data: directory, samples: 0, dimension: 0, sparsity: 0, noise: 0, testSamples: 0, dataSeed: 0)
        }
        return TrialBatchKey(
            data: nil, samples: config.samples, dimension: config.dimension, sparsity: config.sparsity,
            noise: config.noise, testSamples: config.testSamples, dataSeed: config.dataSeed ?? seed)
    }

    /// Trains the trials, those with equal keys together; each result is bit-identical to
    /// ``runTrial(_:seed:progress:)`` of that trial alone, apart from `wallSeconds` (the group's
    /// wall time shared equally). Trials without a key run alone.
    ///
    /// `progress(k, point)`, when given, observes trial k's curve points, each exactly as
    /// ``runTrial(_:seed:progress:)`` reports them and in its order (trials interleave).
    /// One trial's divergence or invalid configuration leaves the others untouched.
    public static func run(
        _ trials: [(config: TrialConfig, seed: UInt64)], progress: ((Int, TrialProgress) -> Void)? = nil
    ) -> [Result<TrialResult, CoreError>] {
        run(trials, progress: progress, kernels: .native)
    }

    /// As the public `run`, on the kernels' instruction set chosen by the caller.
    static func run(
        _ trials: [(config: TrialConfig, seed: UInt64)], progress: ((Int, TrialProgress) -> Void)?,
        kernels: LeastSquaresGradient
    ) -> [Result<TrialResult, CoreError>] {
        var results = [Result<TrialResult, CoreError>?](repeating: nil, count: trials.count)
        var groups: [TrialBatchKey: [Int]] = [:]
        var order: [TrialBatchKey] = []
        for (k, trial) in trials.enumerated() {
            guard let key = key(config: trial.config, seed: trial.seed) else {
                let observer = progress.map { report in { (point: TrialProgress) in report(k, point) } }
                do throws(CoreError) {
                    results[k] = .success(try runTrial(trial.config, seed: trial.seed, progress: observer))
                } catch {
                    results[k] = .failure(error)
                }
                continue
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(k)
        }
        for key in order {
            let members = groups[key]!
            for (k, result) in zip(members, runGroup(members.map { trials[$0] }, key: key, kernels: kernels) { progress?(members[$0], $1) }) {
                results[k] = result
            }
        }
        return results.map { $0! }
    }

    /// Trains trials of one key together.
    private static func runGroup(
        _ trials: [(config: TrialConfig, seed: UInt64)], key: TrialBatchKey, kernels: LeastSquaresGradient,
        progress: @escaping (Int, TrialProgress) -> Void
    ) -> [Result<TrialResult, CoreError>] {
        let wall = WallClock()
        let data: RegressionData
        do throws(CoreError) {
            if let directory = key.data {
                data = try RegressionData.load(from: directory)
            } else {
                data = RegressionData.generate(
                    samples: key.samples, dimension: key.dimension, sparsity: key.sparsity, noise: key.noise,
                    testSamples: key.testSamples, seed: key.dataSeed)
            }
        } catch {
            return trials.map { _ in .failure(error) }
        }
        return run(trials, on: data, progress: progress, kernels: kernels, wall: wall)
    }

    /// Trains trials that all train on `data` together, as ``run(_:progress:)`` does once it has
    /// loaded or generated the data: for a worker that keeps data between batches, and for
    /// benchmarks. `data` must be the data each trial's configuration names (what
    /// ``runTrial(_:seed:progress:)`` would load or generate), and every trial must have a
    /// ``key(config:seed:)``; a trial without one gets an error naming the field that prevents it.
    public static func run(
        _ trials: [(config: TrialConfig, seed: UInt64)], on data: RegressionData,
        progress: ((Int, TrialProgress) -> Void)? = nil
    ) -> [Result<TrialResult, CoreError>] {
        run(trials, on: data, progress: { progress?($0, $1) }, kernels: .native, wall: WallClock())
    }

    private static func run(
        _ trials: [(config: TrialConfig, seed: UInt64)], on data: RegressionData,
        progress: @escaping (Int, TrialProgress) -> Void, kernels: LeastSquaresGradient, wall: WallClock
    ) -> [Result<TrialResult, CoreError>] {
        var trainers: [SparseRegressionTrainer] = [], slots: [Int] = []
        var results = [Result<TrialResult, CoreError>?](repeating: nil, count: trials.count)
        for (k, trial) in trials.enumerated() {
            do throws(CoreError) {
                try trial.config.validate()
                guard trial.config.problem == .sparseRegression else {
                    throw .invalidField(field: "problem", value: trial.config.problem.rawValue, allowed: "sparse-regression in a batch")
                }
                guard key(config: trial.config, seed: trial.seed) != nil else {
                    throw .invalidField(
                        field: "batch_size", value: trial.config.batchSize.map(String.init) ?? "none",
                        allowed: "none, or at least the number of samples, for sgd and momentum in a batch (full-batch steps)")
                }
                trainers.append(try SparseRegressionTrainer(
                    config: trial.config, data: data, seed: trial.seed, recordsGradientIntegral: false,
                    kernels: kernels, packsDesign: false))
                slots.append(k)
            } catch {
                results[k] = .failure(error)
            }
        }
        if !trainers.isEmpty {
            BatchTraining(trainers: trainers, data: data, kernels: kernels).run { progress(slots[$0], $1) }
        }
        let seconds = wall.seconds / Double(trials.count)
        for (trainer, k) in zip(trainers, slots) {
            results[k] = .success(trainer.result(wallSeconds: seconds))
        }
        return results.map { $0! }
    }
}
