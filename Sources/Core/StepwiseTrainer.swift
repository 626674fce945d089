/// A trainer whose curve points fall on steps and that runs stretches of steps without a check:
/// ``SparseRegressionTrainer`` and ``MatrixSensingTrainer``. A curve point, or else the training
/// loss, decides at the end of a stretch whether training has diverged.
protocol StepwiseTrainer: TrialTrainer {
    var divergedAt: Int? { get set }
    /// η·Σ_{s<t} λ_s, the plain sum (``TrialConfig/effectiveLambdaIntegral(plain:)`` gives Λ_t).
    var lambdaIntegral: Double { get }
    var curve: CurveRecorder { get set }
    /// f on all training rows at the current step.
    func trainLoss() -> Double
    /// The problem's own metrics of a curve point (``curveMetrics()`` adds Λ and λ_t).
    func problemCurveMetrics() -> [String: Double]
}

extension StepwiseTrainer {
    /// The metrics of a curve point: the problem's own (``problemCurveMetrics()``),
    /// `lambda_integral` (the effective Λ_t, ``TrialConfig/effectiveLambdaIntegral(plain:)``) and
    /// `weight_decay` (λ_t at this step).
    func curveMetrics() -> [String: Double] {
        var result = problemCurveMetrics()
        result["lambda_integral"] = config.effectiveLambdaIntegral(plain: lambdaIntegral)
        result["weight_decay"] = config.weightDecay(atStep: step)
        return result
    }

    /// Records the curve point of the current step and reports it to `progress`; false when its
    /// training loss is not finite.
    func recordCurve(_ progress: ((TrialProgress) -> Void)?) -> Bool {
        curve.recordIfFinite(step: step, metrics: curveMetrics(), progress: progress)
    }

    /// After the last step of a stretch of training ran: records the curve point due at this step,
    /// or else checks the training loss; either marks divergence when the loss is not finite.
    func checkEnd(_ progress: ((TrialProgress) -> Void)?) {
        if curve.isDue(at: step) {
            if !recordCurve(progress) { divergedAt = step }
        } else if !trainLoss().isFinite {
            divergedAt = step
        }
    }
}
