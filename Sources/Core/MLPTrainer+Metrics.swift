extension MLPTrainer {
    /// Mean cross-entropy and accuracy on the training rows.
    public func trainEvaluation() -> (loss: Double, accuracy: Double) {
        network.evaluate(inputs: data.trainInputs, labels: data.trainLabels)
    }

    /// Mean cross-entropy and accuracy on the test rows (NaN when there are none).
    public func testEvaluation() -> (loss: Double, accuracy: Double) {
        network.evaluate(inputs: data.testInputs, labels: data.testLabels)
    }

    /// ‖x‖₁ over the effective weights of all layers (biases excluded).
    public func weightL1() -> Double {
        network.effective.reduce(0.0) { $0 + $1.magnitude }
    }

    /// Test accuracy after global magnitude pruning of the effective weights to each of
    /// `sparsities` (``MagnitudePruning``; biases kept); the network is left unchanged.
    public func prunedAccuracies(_ sparsities: [Double]) -> [Double] {
        let saved = network.effectiveWeights
        let order = MagnitudePruning.order(saved)
        defer { network.effective.baseAddress!.update(from: saved, count: saved.count) }
        return sparsities.map { s in
            network.effective.baseAddress!.update(from: saved, count: saved.count)
            for i in order.prefix(MagnitudePruning.removedCount(sparsity: s, of: saved.count)) { network.effective[i] = 0 }
            return testEvaluation().accuracy
        }
    }

    /// The metrics of the current state, keyed as in ``TrialResult/metrics``:
    ///
    /// - `accuracy`, `test_loss`: on the test rows (left out when there are none);
    ///   `train_accuracy`, `train_loss`: on all training rows (mean cross-entropy, no penalty);
    /// - `accuracy@s` for each pruning sparsity s (Swift's `Double` description, e.g. `accuracy@0.9`):
    ///   test accuracy after magnitude pruning of the effective weights to s;
    /// - `l1`: ‖x‖₁ of the effective weights; `nonzeros`, `sparsity`: the count of |x| > thresholds[0]
    ///   and the fraction of the others; `sparsity@t` for every threshold t;
    /// - `lambda_integral`: the effective Λ (η/(1 − μ)·Σλ_t with momentum, ``TrialConfig/effectiveLambdaIntegral(plain:)``); `final_weight_decay`: λ of the last step run; `steps`, `epochs`: run so far.
    public func metrics() -> [String: Double] {
        var result = evaluationMetrics(weightDecayKey: "final_weight_decay", testLoss: true)
        result["steps"] = Double(step)
        result["epochs"] = Double(epoch)
        if data.testSamples > 0 {
            for (s, accuracy) in zip(config.pruningSparsities, prunedAccuracies(config.pruningSparsities)) {
                result["accuracy@\(s)"] = accuracy
            }
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
    /// are test rows), `l1`, `lambda_integral` and `weight_decay` (λ of the last step run).
    func curveMetrics() -> [String: Double] {
        evaluationMetrics(weightDecayKey: "weight_decay", testLoss: false)
    }

    /// `train_loss`, `train_accuracy`, `l1`, `lambda_integral`, λ of the last step run as
    /// `weightDecayKey` and, when there are test rows, `accuracy` and (with `testLoss`) `test_loss`.
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
        return result
    }

    /// The trial result; `x` is empty (the network's weights are not returned). On divergence only
    /// finite metrics are kept.
    public func result(wallSeconds: Double) -> TrialResult {
        TrialResult(steps: step, divergedAt: divergedAt, wallSeconds: wallSeconds, x: [], metrics: metrics(), curves: curves)
    }
}
