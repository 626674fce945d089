extension SparseRegressionTrainer {
    /// The next step at which a batch must stop: a curve point is due there, or training ends.
    var nextStop: Int {
        min(curve.nextPosition ?? config.steps, config.steps)
    }

    /// Before a batched step: records the curve point due at ``step``; false when its training
    /// loss is not finite, which marks the trainer diverged there (as ``advance(to:progress:)`` does).
    func beginBatchStep(_ progress: ((TrialProgress) -> Void)?) -> Bool {
        guard curve.isDue(at: step) else { return true }
        if recordCurve(progress) { return true }
        divergedAt = step
        return false
    }

    /// After a batch wrote f(x_t) = `loss` and ∇f(x_t) into this trainer's gradient: the step's
    /// update, as in ``advance(to:progress:)``; false when the loss is not finite (diverged at t).
    func endBatchStep(loss: Double) -> Bool {
        guard loss.isFinite else {
            divergedAt = step
            return false
        }
        countStep(lambdaT: update(step: step))
        return true
    }

    /// Whether this trainer's update is exactly `ck_product_of_two_step`
    /// (``FactorStep/isProductOfTwoKernel(_:momentum:)``, and no gradient integral to keep), which
    /// a batch can run for all such trainers in one call (``BatchTraining``).
    var takesProductOfTwoStep: Bool {
        gradientSum == nil && FactorStep.isProductOfTwoKernel(parameterization, momentum: velocity != nil)
    }

    /// The end of step t = ``step`` once its factor step ran with λ_t = `lambdaT`: Λ += η·λ_t,
    /// and the step is counted.
    func countStep(lambdaT: Double) {
        lambdaIntegral += config.learningRate * lambdaT
        lastWeightDecay = lambdaT
        step += 1
    }
}
