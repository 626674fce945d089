/// A curve point of a trial in training, passed to the observer of ``runTrial(_:seed:progress:)``
/// and ``TrialTrainer/advance(to:progress:)``.
public struct TrialProgress: Hashable, Sendable {
    /// The step of this point: the factors have had `step` updates.
    public var step: Int
    /// The steps the trial runs in all (`config.steps`).
    public var totalSteps: Int
    /// The curve metrics at `step`, keyed as in ``CurvePoint/metrics``.
    public var metrics: [String: Double]

    public init(step: Int, totalSteps: Int, metrics: [String: Double]) {
        self.step = step
        self.totalSteps = totalSteps
        self.metrics = metrics
    }
}
