extension MatrixSensingTrainer {
    /// f(X) = (1/2m)Σ(⟨A_i, X⟩ − y_i)² on all measurements.
    public func trainLoss() -> Double {
        design.pack(matrix.baseAddress!, into: packed.baseAddress!)
        return data.labels.withUnsafeBufferPointer { labels in
            kernels.loss(
                design: design.matrix.baseAddress!, labels: labels.baseAddress!, rows: design.rows, columns: design.columns,
                x: packed.baseAddress!, residual: residual.baseAddress!)
        }
    }

    /// The singular values of X, descending.
    public func singularValues() -> [Double] {
        MatrixMetrics.singularValues(UnsafeBufferPointer(matrix), dimension: dimension)
    }

    /// The metrics of the current step, keyed as in ``TrialResult/metrics``:
    ///
    /// - `train_loss`: f(X); `relative_error`: ‖X − X*‖_F / ‖X*‖_F (when X* is known and nonzero);
    /// - `nuclear_norm`: Σσ_i; `effective_rank`: exp(H(σ/‖σ‖₁)); `frobenius_norm`: ‖X‖_F;
    /// - `sigma_1`, `sigma_2`, … : the largest min(d, 10) singular values of X;
    /// - `balance_error`: ‖UᵀU − VᵀV‖_F (uv) or √(Σ_l ‖W_{l+1}ᵀW_{l+1} − W_l W_lᵀ‖²_F) (deep);
    ///   or ‖BᵀB − AᵀA‖_F (lora);
    /// - `recovery_error`: ‖X − X*‖_F (when X* is known); `numerical_rank`: how many σ_i exceed the first threshold;
    /// - lora: `update_effective_rank` and `update_nuclear_norm` of the update Δ = B Aᵀ, and
    ///   `update_relative_error`: ‖Δ − (X* − W₀)‖_F / ‖X* − W₀‖_F (when X* is known and X* ≠ W₀);
    /// - `lambda_integral`: the effective Λ_t (η/(1 − μ)·Σλ_s with momentum, ``TrialConfig/effectiveLambdaIntegral(plain:)``); `final_weight_decay`: λ of the last step run; `steps`: steps run.
    public func metrics() -> [String: Double] {
        let sigma = singularValues()
        var result = spectralMetrics(sigma)
        for (i, s) in sigma.prefix(10).enumerated() { result["sigma_\(i + 1)"] = s }
        if let truth = data.truth {
            result["recovery_error"] = MatrixMetrics.frobeniusDistance(UnsafeBufferPointer(matrix), truth)
        }
        let threshold = config.thresholds.first ?? 0
        result["numerical_rank"] = Double(sigma.filter { $0 > threshold }.count)
        if let lora = factorization.lora {
            result.merge(updateMetrics(lora)) { $1 }
        }
        result["frobenius_norm"] = MatrixMetrics.frobeniusNorm(matrix)
        result["balance_error"] = factorization.balanceError(factors.baseAddress!)
        result["lambda_integral"] = config.effectiveLambdaIntegral(plain: lambdaIntegral)
        result["final_weight_decay"] = lastWeightDecay
        result["steps"] = Double(step)
        return result
    }

    /// The problem's metrics of a curve point: `train_loss`, `relative_error`, `nuclear_norm` and
    /// `effective_rank` (see ``StepwiseTrainer/curveMetrics()``).
    func problemCurveMetrics() -> [String: Double] {
        spectralMetrics(singularValues())
    }

    /// The lora metrics of the update Δ = B Aᵀ (see ``metrics()``).
    private func updateMetrics(_ lora: LoRAFactorization) -> [String: Double] {
        let d = dimension
        var update = [Double](repeating: 0, count: d * d)
        update.withUnsafeMutableBufferPointer { lora.update(factors.baseAddress!, into: $0.baseAddress!) }
        let sigma = MatrixMetrics.singularValues(update, dimension: d)
        var result = [
            "update_effective_rank": MatrixMetrics.effectiveRank(singularValues: sigma),
            "update_nuclear_norm": MatrixMetrics.nuclearNorm(singularValues: sigma),
        ]
        if let truth = data.truth {
            let target = zip(truth, lora.base).map { $0 - $1 }
            let norm = MatrixMetrics.frobeniusNorm(target)
            if norm > 0 {
                result["update_relative_error"] = update.withUnsafeBufferPointer { MatrixMetrics.frobeniusDistance($0, target) } / norm
            }
        }
        return result
    }

    /// `train_loss`, `relative_error` (when X* is known and nonzero), `nuclear_norm` and `effective_rank`.
    private func spectralMetrics(_ sigma: [Double]) -> [String: Double] {
        var result: [String: Double] = [
            "train_loss": trainLoss(),
            "nuclear_norm": MatrixMetrics.nuclearNorm(singularValues: sigma),
            "effective_rank": MatrixMetrics.effectiveRank(singularValues: sigma),
        ]
        if let truth = data.truth {
            let norm = MatrixMetrics.frobeniusNorm(truth)
            if norm > 0 {
                result["relative_error"] = MatrixMetrics.frobeniusDistance(UnsafeBufferPointer(matrix), truth) / norm
            }
        }
        return result
    }

    /// The trial result at the current step, with X row-major (d² entries) as `x`. On divergence
    /// `x` is empty and only finite metrics are kept.
    public func result(wallSeconds: Double) -> TrialResult {
        TrialResult(
            steps: step, divergedAt: divergedAt, wallSeconds: wallSeconds, x: x, metrics: metrics(), curves: curves)
    }
}
