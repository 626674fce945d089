/// How a trial ended.
public enum TrialStatus: String, Codable, Hashable, Sendable {
    /// All steps ran.
    case completed
    /// A NaN or Inf appeared; `TrialResult.divergedAt` holds the step.
    case diverged
}

/// The metrics recorded at one step of training.
public struct CurvePoint: Codable, Hashable, Sendable {
    public var step: Int
    public var metrics: [String: Double]

    public init(step: Int, metrics: [String: Double]) {
        self.step = step
        self.metrics = metrics
    }
}

/// Everything a trial produces. Apart from `wallSeconds`, it depends only on config and seed.
public struct TrialResult: Codable, Hashable, Sendable {
    public var status: TrialStatus
    /// Steps actually run.
    public var steps: Int
    /// The step at which a NaN or Inf appeared, when `status` is `diverged`.
    public var divergedAt: Int?
    public var wallSeconds: Double
    /// The final predictor x; for matrix sensing X row-major (d² entries).
    public var x: [Double]
    /// Final metrics by name (`train_loss`, `recovery_error`, `test_mse`, `l1`, `nonzeros`, `sparsity`, …).
    public var metrics: [String: Double]
    /// Main metrics at log-spaced steps.
    public var curves: [CurvePoint]
    /// The end of a command trial's standard output and error (bounded); nil for core trials.
    public var log: String?

    public init(
        status: TrialStatus, steps: Int, divergedAt: Int? = nil, wallSeconds: Double,
        x: [Double], metrics: [String: Double], curves: [CurvePoint], log: String? = nil
    ) {
        self.status = status
        self.steps = steps
        self.divergedAt = divergedAt
        self.wallSeconds = wallSeconds
        self.x = x
        self.metrics = metrics
        self.curves = curves
        self.log = log
    }

    enum CodingKeys: String, CodingKey {
        case status, steps
        case divergedAt = "diverged_at"
        case wallSeconds = "wall_seconds"
        case x, metrics, curves, log
    }
}

extension TrialResult {
    /// The result of training stopped at `steps`: completed, or diverged at `divergedAt`, in
    /// which case `x` is dropped and only finite metrics are kept (so the result encodes as JSON).
    init(
        steps: Int, divergedAt: Int?, wallSeconds: Double, x: [Double], metrics: [String: Double],
        curves: [CurvePoint]
    ) {
        let diverged = divergedAt != nil
        self.init(
            status: diverged ? .diverged : .completed, steps: steps, divergedAt: divergedAt, wallSeconds: wallSeconds,
            x: diverged ? [] : x, metrics: diverged ? metrics.filter { $0.value.isFinite } : metrics, curves: curves)
    }
}
