extension SparseRegressionTrainer {
    /// f(x) = (1/2n)‖Zx − y‖² on all training rows.
    public func trainLoss() -> Double {
        data.design.withUnsafeBufferPointer { design in
            data.labels.withUnsafeBufferPointer { labels in
                kernels.loss(
                    design: design.baseAddress!, labels: labels.baseAddress!, rows: samples, columns: dimension,
                    x: predictor.baseAddress!, residual: residual.baseAddress!)
            }
        }
    }

    /// The metrics of the current step, keyed as in ``TrialResult/metrics``:
    ///
    /// - `train_loss`: f(x); `test_mse`: mean of (Z_test x − y_test)² (when there are held-out rows);
    /// - `recovery_error`: ‖x − x*‖₂ and `generalization_error`: ‖x − x*‖² (when x* is known);
    /// - `l1`: ‖x‖₁, `l2`: ‖x‖₂;
    /// - `nonzeros`, `sparsity`: the count of |x_i| > thresholds[0] and the fraction of the others;
    ///   `nonzeros@t`, `sparsity@t` for every threshold t (Swift's `Double` description, e.g. `nonzeros@0.001`);
    /// - `a_min`, `a_median`, `a_max`: the balance quantity over coordinates (not for direct; the
    ///   median of an even count is the mean of the middle two);
    /// - `bias_gap`, `predicted_recovery_error` (switched off) and `lasso_gap` (constant λ): the
    ///   distances to the theory's prediction (``predictionMetrics()``);
    /// - `support_margin`, `support_lost`, `support_escape_step`, `support_escape_lambda_integral`:
    ///   true entries lost to 0 and regrown (``supportEscapeMetrics()``);
    /// - `lambda_integral`: the effective Λ_t (η/(1 − μ)·Σλ_s with momentum, ``TrialConfig/effectiveLambdaIntegral(plain:)``); `final_weight_decay`: λ of the last step run; `steps`: steps run.
    public func metrics() -> [String: Double] {
        let x = UnsafeBufferPointer(predictor)
        var result = vectorMetrics(x)
        result["l2"] = x.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        result["test_mse"] = testMeanSquaredError()
        if let truth = data.truth {
            result["generalization_error"] = squaredDistance(x, truth)
        }
        for t in config.thresholds {
            let nonzeros = countNonzeros(x, threshold: t)
            result["nonzeros@\(t)"] = Double(nonzeros)
            result["sparsity@\(t)"] = Double(dimension - nonzeros) / Double(dimension)
        }
        result["sparsity"] = result["sparsity@\(config.thresholds[0])"]
        let balances = (0..<dimension).compactMap {
            parameterization.balance(UnsafeBufferPointer(factors), dimension: dimension, coordinate: $0)
        }.sorted()
        if let first = balances.first, let last = balances.last {
            let mid = balances.count / 2
            result["a_min"] = first
            result["a_max"] = last
            result["a_median"] = balances.count % 2 == 1 ? balances[mid] : (balances[mid - 1] + balances[mid]) / 2
        }
        result["lambda_integral"] = config.effectiveLambdaIntegral(plain: lambdaIntegral)
        result["final_weight_decay"] = lastWeightDecay
        result["steps"] = Double(step)
        result.merge(predictionMetrics()) { $1 }
        result.merge(supportEscapeMetrics()) { $1 }
        return result
    }

    /// The problem's reduced metrics of a curve point: `train_loss`, `recovery_error`, `l1`,
    /// `nonzeros` and `support_margin` (when x* is known, ``supportMargin()``; see
    /// ``StepwiseTrainer/curveMetrics()``).
    func problemCurveMetrics() -> [String: Double] {
        var result = vectorMetrics(UnsafeBufferPointer(predictor))
        result["support_margin"] = supportMargin()
        return result
    }

    /// `train_loss`, `recovery_error` (when x* is known), `l1` and `nonzeros`.
    private func vectorMetrics(_ x: UnsafeBufferPointer<Double>) -> [String: Double] {
        var result: [String: Double] = [
            "train_loss": trainLoss(),
            "l1": x.reduce(0.0) { $0 + $1.magnitude },
            "nonzeros": Double(countNonzeros(x, threshold: config.thresholds[0])),
        ]
        if let truth = data.truth {
            result["recovery_error"] = squaredDistance(x, truth).squareRoot()
        }
        return result
    }

    private func countNonzeros(_ x: UnsafeBufferPointer<Double>, threshold: Double) -> Int {
        x.reduce(0) { $0 + ($1.magnitude > threshold ? 1 : 0) }
    }

    private func squaredDistance(_ x: UnsafeBufferPointer<Double>, _ truth: [Double]) -> Double {
        zip(x, truth).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// Mean of (Z_test x − y_test)² over the held-out rows; nil when there are none.
    private func testMeanSquaredError() -> Double? {
        let m = data.testSamples
        guard m > 0 else { return nil }
        let halfMean = data.testDesign.withUnsafeBufferPointer { design in
            data.testLabels.withUnsafeBufferPointer { labels in
                kernels.loss(
                    design: design.baseAddress!, labels: labels.baseAddress!, rows: m, columns: dimension,
                    x: predictor.baseAddress!, residual: testResidual.baseAddress!)
            }
        }
        return 2 * halfMean
    }

    /// The trial result at the current step. On divergence `x` is empty and only finite metrics are kept.
    public func result(wallSeconds: Double) -> TrialResult {
        TrialResult(
            steps: step, divergedAt: divergedAt, wallSeconds: wallSeconds, x: x, metrics: metrics(), curves: curves)
    }
}
