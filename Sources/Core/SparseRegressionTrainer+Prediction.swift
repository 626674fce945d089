import CKernels

extension SparseRegressionTrainer {
    /// The theory's prediction for the current state (``ImplicitBiasPredictor``), as metrics:
    ///
    /// - when the last step ran with λ_t = 0 (λ = 0, or a schedule that ended at 0: "switched off"),
    ///   for `mask-weight`, `hadamard` at L = 2 and `diff-of-powers` at L = 2: x_pred, the
    ///   R_{a∞}-minimal interpolant with a∞ = a₀·e^{−2Λ} (a₀ = `init_scale`, Λ = `lambda_integral`,
    ///   the flow's value, not the balance GD measured) and φ = arcsinh(x_init/c₀) (0 from x = 0);
    ///   `bias_gap` = ‖x − x_pred‖₂ and, when x* is known, `predicted_recovery_error`
    ///   = ‖x_pred − x*‖₂; from a start other than 0 also the gaps to the same problem with its
    ///   centre x̃ = x_init·e^{−2Λ} replaced: `bias_gap_centre_start` (x̃ kept at x_init) and
    ///   `bias_gap_centre_zero` (x̃ = 0, the prediction of a start at 0);
    /// - under constant λ > 0, where the penalty (λ/2)·Σθ² (or (λ/2)·Σ|θ|^L) minimized over the
    ///   factors of one x is c·‖x‖₁: `lasso_gap` = ‖x − x_lasso‖₂ for the lasso f(x) + c‖x‖₁ with
    ///   c = λ (`mask-weight`, `hadamard` L = 2), λ/2 (`diff-of-powers` L = 2; `diff-of-powers` and
    ///   `direct` with `compatible`), λL/2 (`hadamard` with `compatible`, by the AM–GM inequality).
    ///
    /// Nothing for other cases (deeper `l2` models have no R_a of this form; `direct` with `l2` is
    /// ridge regression), after divergence, or when the solver does not converge.
    func predictionMetrics() -> [String: Double] {
        guard divergedAt == nil else { return [:] }
        let x = self.x
        var result: [String: Double] = [:]
        let depth = config.depth, kind = config.parameterization
        if lastWeightDecay == 0, depth == 2, kind != .direct {
            let a = config.initScale * ck_exp(-2 * config.effectiveLambdaIntegral(plain: lambdaIntegral))
            let halves = kind == .diffOfPowers ? 1.0 : 0.5
            let c = halves * a, c0 = halves * config.initScale
            /// The interpolant with offset φ, whose centre is c·sinh(φ).
            func predict(offset: [Double]?) -> [Double]? {
                ImplicitBiasPredictor.entropyInterpolant(
                    design: data.design, labels: data.labels, samples: samples, dimension: dimension,
                    scale: [Double](repeating: c, count: dimension), offset: offset)
            }
            if c > 0, let predicted = predict(offset: start.map { $0.map { arcsinh($0 / c0) } }) {
                result["bias_gap"] = distance(x, predicted)
                if let truth = data.truth { result["predicted_recovery_error"] = distance(predicted, truth) }
                if let start {
                    if let fixed = predict(offset: start.map { arcsinh($0 / c) }) { result["bias_gap_centre_start"] = distance(x, fixed) }
                    if let zero = predict(offset: nil) { result["bias_gap_centre_zero"] = distance(x, zero) }
                }
            }
        }
        if config.schedule == .constant, config.weightDecay > 0, let penalty = lassoPenalty(),
           let lasso = ImplicitBiasPredictor.lasso(
               design: data.design, labels: data.labels, samples: samples, dimension: dimension, penalty: penalty) {
            result["lasso_gap"] = distance(x, lasso)
        }
        return result
    }

    /// The c of the lasso f(x) + c‖x‖₁ that constant weight decay λ on the factors amounts to; nil
    /// when the penalty on x is not proportional to ‖x‖₁.
    private func lassoPenalty() -> Double? {
        let lambda = config.weightDecay, depth = Double(config.depth)
        switch (config.parameterization, config.regularizer) {
        case (.maskWeight, _): return lambda
        case (.hadamard, _) where config.depth == 2: return lambda
        case (.hadamard, .compatible): return lambda * depth / 2
        case (.diffOfPowers, _) where config.depth == 2: return lambda / 2
        case (.diffOfPowers, .compatible), (.direct, .compatible): return lambda / 2
        default: return nil
        }
    }

    /// arcsinh(z) = sign(z)·log(|z| + √(z² + 1)) (`ck_log`, the same bits on every CPU).
    private func arcsinh(_ z: Double) -> Double {
        let magnitude = ck_log(abs(z) + (z * z + 1).squareRoot())
        return z < 0 ? -magnitude : magnitude
    }

    private func distance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for (u, v) in zip(a, b) { s += (u - v) * (u - v) }
        return s.squareRoot()
    }
}
