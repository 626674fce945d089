/// Trains one trial of some problem kind, with its state open to inspection.
///
/// ``runTrial(_:seed:instructionSet:progress:)`` builds the trainer for the trial's problem and
/// drives every kind the same way: ``advance(to:progress:)`` to `config.steps`, then
/// ``result(wallSeconds:)``. Tests and tools may advance in pieces and inspect the state between.
/// A new problem plugs in by implementing this protocol and adding its case to ``runTrial``.
public protocol TrialTrainer: AnyObject {
    /// The configuration being trained.
    var config: TrialConfig { get }
    /// The number of steps run so far.
    var step: Int { get }
    /// The step at which the loss became NaN or infinite, if it did.
    var divergedAt: Int? { get }
    /// The curve points recorded so far.
    var curves: [CurvePoint] { get }
    /// Trains until ``step`` reaches `target` (at most `config.steps`) or the loss diverges,
    /// recording curve points on the way and passing each to `progress`, steps ascending.
    ///
    /// `progress` only observes: results are the same bits with or without it.
    func advance(to target: Int, progress: ((TrialProgress) -> Void)?)
    /// The metrics of the current state, keyed as in ``TrialResult/metrics``.
    func metrics() -> [String: Double]
    /// The trial result at the current step.
    func result(wallSeconds: Double) -> TrialResult
}

extension TrialTrainer {
    /// Whether training has diverged.
    public var status: TrialStatus { divergedAt == nil ? .completed : .diverged }
}
