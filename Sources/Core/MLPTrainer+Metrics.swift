extension MLPTrainer {
    /// Mean cross-entropy and accuracy on the training rows.
    public func trainEvaluation() -> (loss: Double, accuracy: Double) {
        network.evaluate(inputs: data.trainInputs, labels: data.trainLabels)
    }

    /// Mean cross-entropy and accuracy on the test rows (NaN when there are none).
    public func testEvaluation() -> (loss: Double, accuracy: Double) {
        network.evaluate(inputs: data.testInputs, labels: data.testLabels)
    }

    /// Mean cross-entropy and accuracy on the validation rows (NaN when there are none).
    public func validationEvaluation() -> (loss: Double, accuracy: Double) {
        network.evaluate(inputs: data.validationInputs, labels: data.validationLabels)
    }

    /// ‖x‖₁ over the effective weights of all layers (biases excluded).
    public func weightL1() -> Double {
        network.effective.reduce(0.0) { $0 + $1.magnitude }
    }

    /// Test accuracy after global magnitude pruning of the effective weights to each of
    /// `sparsities` (``MagnitudePruning``; biases kept); the network is left unchanged.
    public func prunedAccuracies(_ sparsities: [Double]) -> [Double] {
        prunedEvaluations(sparsities).map(\.test)
    }

    /// Validation and test accuracy after global magnitude pruning of the effective weights to
    /// each of `sparsities`, without fine-tuning; the network is left unchanged.
    public func prunedEvaluations(_ sparsities: [Double]) -> [(validation: Double, test: Double)] {
        let saved = network.effectiveWeights
        let order = MagnitudePruning.order(saved)
        defer { network.effective.baseAddress!.update(from: saved, count: saved.count) }
        return sparsities.map { s in
            network.effective.baseAddress!.update(from: saved, count: saved.count)
            for i in order.prefix(MagnitudePruning.removedCount(sparsity: s, of: saved.count)) { network.effective[i] = 0 }
            return (validationEvaluation().accuracy, testEvaluation().accuracy)
        }
    }

    /// The metrics of the current state, keyed as in ``TrialResult/metrics``:
    ///
    /// - `accuracy`, `test_loss`: on the test rows (left out when there are none);
    ///   `val_accuracy`, `val_loss`: on the validation rows (only with `validation_samples`);
    ///   `train_accuracy`, `train_loss`: on the rows trained on (mean cross-entropy, no penalty);
    /// - `accuracy@s` for each pruning sparsity s (Swift's `Double` description, e.g. `accuracy@0.9`):
    ///   test accuracy after magnitude pruning of the effective weights to s and, with
    ///   `finetune_steps` > 0, fine-tuning (``MLPFineTuning``); `val_accuracy@s` the same on the
    ///   validation rows; with fine-tuning, `pruned_accuracy@s` and `pruned_val_accuracy@s` before it;
    /// - `l1`: ‖x‖₁ of the effective weights; `nonzeros`, `sparsity`: the count of |x| > thresholds[0]
    ///   and the fraction of the others; `sparsity@t` for every threshold t;
    /// - `lambda_integral`: the effective Λ (η/(1 − μ)·Σλ_t with momentum, ``TrialConfig/effectiveLambdaIntegral(plain:)``); `final_weight_decay`: λ of the last step run; `steps`, `epochs`: run so far.
    public func metrics() -> [String: Double] {
        var result = evaluationMetrics(weightDecayKey: "final_weight_decay", testLoss: true)
        result["steps"] = Double(step)
        result["epochs"] = Double(epoch)
        let pruned = prunedEvaluations(config.pruningSparsities)
        let prefix = fineTuned == nil ? "" : "pruned_"
        for (s, accuracy) in zip(config.pruningSparsities, pruned) {
            if data.testSamples > 0 { result["\(prefix)accuracy@\(s)"] = accuracy.test }
            if data.validationSamples > 0 { result["\(prefix)val_accuracy@\(s)"] = accuracy.validation }
        }
        for outcome in fineTuned ?? [] {
            if data.testSamples > 0 { result["accuracy@\(outcome.sparsity)"] = outcome.testAccuracy }
            if data.validationSamples > 0 { result["val_accuracy@\(outcome.sparsity)"] = outcome.validationAccuracy }
        }
        let count = Double(network.weightCount)
        for t in config.thresholds {
            let zeros = network.effective.reduce(0) { $0 + ($1.magnitude <= t ? 1 : 0) }
            result["sparsity@\(t)"] = Double(zeros) / count
        }
        let zeros = network.effective.reduce(0) { $0 + ($1.magnitude <= config.thresholds[0] ? 1 : 0) }
        result["sparsity"] = Double(zeros) / count
        result["nonzeros"] = count - Double(zeros)
        return result
    }

    /// The metrics of a curve point: `train_loss`, `train_accuracy`, `accuracy` (test, when there
    /// are test rows), `val_accuracy` (when there are validation rows), `l1`, `lambda_integral`
    /// and `weight_decay` (λ of the last step run).
    func curveMetrics() -> [String: Double] {
        evaluationMetrics(weightDecayKey: "weight_decay", testLoss: false)
    }

    /// `train_loss`, `train_accuracy`, `l1`, `lambda_integral`, λ of the last step run as
    /// `weightDecayKey`; when there are test rows, `accuracy` and (with `testLoss`) `test_loss`;
    /// when there are validation rows, `val_accuracy` and (with `testLoss`) `val_loss`.
    private func evaluationMetrics(weightDecayKey: String, testLoss: Bool) -> [String: Double] {
        let train = trainEvaluation()
        var result: [String: Double] = [
            "train_loss": train.loss,
            "train_accuracy": train.accuracy,
            "l1": weightL1(),
            "lambda_integral": config.effectiveLambdaIntegral(plain: lambdaIntegral),
            weightDecayKey: lastWeightDecay,
        ]
        if data.testSamples > 0 {
            let test = testEvaluation()
            result["accuracy"] = test.accuracy
            if testLoss { result["test_loss"] = test.loss }
        }
        if data.validationSamples > 0 {
            let validation = validationEvaluation()
            result["val_accuracy"] = validation.accuracy
            if testLoss { result["val_loss"] = validation.loss }
        }
        return result
    }

    /// The trial result; `x` is empty (the network's weights are not returned). On divergence only
    /// finite metrics are kept.
    public func result(wallSeconds: Double) -> TrialResult {
        TrialResult(steps: step, divergedAt: divergedAt, wallSeconds: wallSeconds, x: [], metrics: metrics(), curves: curves)
    }
}
