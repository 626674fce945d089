import CKernels

/// Trains full-batch trainers that share one data set together: each step evaluates the gradient
/// of every running trainer in one batched pass over Z (see ``LeastSquaresGradient``), then each
/// trainer applies its own update, so each ends with exactly the state it reaches alone.
///
/// A trainer leaves the batch when it has run `config.steps` steps or diverges; the others go on.
final class BatchTraining {
    let trainers: [SparseRegressionTrainer]
    /// `trainers`, unretained.
    let members: [Unmanaged<SparseRegressionTrainer>]
    let data: RegressionData
    let kernels: LeastSquaresGradient
    /// −y.
    let negatedLabels: UnsafeMutableBufferPointer<Double>
    /// Z in 64-byte-aligned rows of `packedStride` doubles, unless it is larger than
    /// ``LeastSquaresGradient/batchPackedLimit``.
    let packedDesign: UnsafeMutableBufferPointer<Double>?
    let packedStride: Int
    let workspace: UnsafeMutableBufferPointer<Double>
    let losses: UnsafeMutableBufferPointer<Double>
    /// The running trainers' x and gradients, then their factors p and q, η and λ_t for
    /// ``SparseRegressionTrainer/takesProductOfTwoStep``.
    let predictors: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    let gradients: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    let firstFactors: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    let secondFactors: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    let learningRates: UnsafeMutableBufferPointer<Double>
    let weightDecays: UnsafeMutableBufferPointer<Double>

    /// Sets up the batch; every trainer must train on `data` without minibatches.
    init(trainers: [SparseRegressionTrainer], data: RegressionData, kernels: LeastSquaresGradient) {
        self.trainers = trainers
        members = trainers.map { Unmanaged.passUnretained($0) }
        self.data = data
        self.kernels = kernels
        let n = data.samples, d = data.dimension, count = trainers.count
        packedStride = LeastSquaresGradient.stride(columns: d)
        packedDesign = KernelBuffers.packedDesign(data, limit: LeastSquaresGradient.batchPackedLimit)
        negatedLabels = KernelBuffers.negatedLabels(data)
        workspace = KernelBuffers.aligned(LeastSquaresGradient.batchWorkspace(rows: n, columns: d, trials: count))
        losses = KernelBuffers.aligned(count)
        predictors = .allocate(capacity: count)
        gradients = .allocate(capacity: count)
        firstFactors = .allocate(capacity: count)
        secondFactors = .allocate(capacity: count)
        learningRates = KernelBuffers.aligned(count)
        weightDecays = KernelBuffers.aligned(count)
    }

    deinit {
        for b in [negatedLabels, workspace, losses, learningRates, weightDecays] + [packedDesign].compactMap(\.self) {
            UnsafeMutableRawPointer(b.baseAddress!).deallocate()
        }
        predictors.deallocate()
        gradients.deallocate()
        firstFactors.deallocate()
        secondFactors.deallocate()
    }

    /// Runs every trainer to `config.steps` or divergence; `progress(k, point)` observes trainer k's
    /// curve points as ``SparseRegressionTrainer/advance(to:progress:)`` would report them.
    ///
    /// The trainers step in lockstep. Between two stops (a curve point due or a trainer's last
    /// step) a step is one kernel call and one update per trainer, with nothing allocated.
    func run(progress: ((Int, TrialProgress) -> Void)?) {
        let observers: [((TrialProgress) -> Void)?] = trainers.indices.map { k in progress.map { report in { report(k, $0) } } }
        var running = trainers.indices.filter { trainers[$0].divergedAt == nil && trainers[$0].step < trainers[$0].config.steps }
        let n = data.samples, d = data.dimension
        data.design.withUnsafeBufferPointer { design in
            let z = packedDesign.map { UnsafePointer($0.baseAddress!) } ?? design.baseAddress!
            let stride = packedDesign == nil ? d : packedStride
            while !running.isEmpty {
                keep(&running) { trainers[$0].beginBatchStep(observers[$0]) }
                guard !running.isEmpty else { break }
                for (slot, k) in running.enumerated() {
                    let trainer = trainers[k]
                    predictors[slot] = trainer.predictor.baseAddress!
                    gradients[slot] = trainer.gradient.baseAddress!
                    firstFactors[slot] = trainer.factors.baseAddress!
                    secondFactors[slot] = trainer.factors.baseAddress! + d
                    learningRates[slot] = trainer.config.learningRate
                }
                let productOfTwo = running.allSatisfy { trainers[$0].takesProductOfTwoStep }
                let stop = running.lazy.map { self.trainers[$0].nextStop }.min()!
                var diverged = false
                repeat {
                    predictors.baseAddress!.withMemoryRebound(to: UnsafePointer<Double>?.self, capacity: running.count) { x in
                        kernels.evaluate(
                            design: z, stride: stride, negatedLabels: negatedLabels.baseAddress!, rows: n, columns: d,
                            trials: running.count, x: x, residual: nil,
                            gradient: gradients.baseAddress!, loss: losses.baseAddress!, workspace: workspace.baseAddress!)
                    }
                    if productOfTwo, running.indices.allSatisfy({ losses[$0].isFinite }) {
                        stepProductOfTwo(running, dimension: d)
                    } else {
                        diverged = !stepEach(running)
                    }
                } while !diverged && trainers[running[0]].step < stop
                keep(&running) { k in
                    let trainer = trainers[k]
                    guard trainer.divergedAt == nil else { return false }
                    guard trainer.step == trainer.config.steps else { return true }
                    trainer.checkEnd(observers[k])
                    return false
                }
            }
        }
    }

    /// The updates after a kernel call, one trainer at a time (``SparseRegressionTrainer/endBatchStep(loss:)``);
    /// false when a trainer diverged. `trainers` keeps every trainer alive, so none is retained.
    private func stepEach(_ running: [Int]) -> Bool {
        var stepped = true
        for slot in running.indices {
            if !members[running[slot]]._withUnsafeGuaranteedRef({ $0.endBatchStep(loss: losses[slot]) }) { stepped = false }
        }
        return stepped
    }

    /// The updates after a kernel call when every running trainer takes the product-of-two step
    /// and every loss is finite: the factor steps in one call, each with the bits of its own.
    private func stepProductOfTwo(_ running: [Int], dimension d: Int) {
        for slot in running.indices {
            weightDecays[slot] = members[running[slot]]._withUnsafeGuaranteedRef { $0.weightDecay(at: $0.step) }
        }
        ck_product_of_two_step_batch(
            kernels.isa, running.count, firstFactors.baseAddress!, secondFactors.baseAddress!, gradients.baseAddress!,
            predictors.baseAddress!, d, learningRates.baseAddress!, weightDecays.baseAddress!)
        for slot in running.indices {
            members[running[slot]]._withUnsafeGuaranteedRef { $0.countStep(lambdaT: weightDecays[slot]) }
        }
    }

    /// Keeps the trainers of `running` for which `body` (called once each, in order) is true, in order.
    private func keep(_ running: inout [Int], _ body: (Int) -> Bool) {
        var kept = 0
        for slot in running.indices {
            let k = running[slot]
            if body(k) {
                running[kept] = k
                kept += 1
            }
        }
        running.removeLast(running.count - kept)
    }
}
