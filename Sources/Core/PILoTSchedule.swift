/// The PILoT adaptive weight-decay rule (RESEARCH.md), driven by epoch statistics.
///
/// λ starts at the trial's `weight_decay`. At the end of epoch k (1-based) of T, with the training
/// accuracy A_k and the L1 norm ‖m ⊙ w‖₁ of the weights: if A_k ≥ A_{k−1} (A_0 measured before
/// training), ‖m ⊙ w‖₁ > K and 2k ≤ T, then λ ← δ·λ; otherwise λ ← λ/δ. The new λ holds for
/// every step of epoch k + 1. With a switch-off epoch E (`pilot:δ:K:F`, E = ⌈F·T⌉), λ ← 0 at the end of
/// every epoch k ≥ E instead: weight decay is off from epoch E + 1 on. Written `pilot:δ:K[:F]` as a
/// ``WeightDecaySchedule``.
public struct PILoTSchedule: Hashable, Sendable {
    /// δ > 1, the factor λ is multiplied or divided by.
    public let delta: Double
    /// K, the L1 budget of the weights.
    public let budget: Double
    /// T, the number of epochs of the run.
    public let totalEpochs: Int
    /// E, the epoch after which λ is 0; nil when the rule runs to the end.
    public let switchOffEpoch: Int?
    /// λ for the coming epoch.
    public private(set) var weightDecay: Double
    /// The training accuracy of the last epoch seen.
    public private(set) var previousAccuracy: Double

    /// The rule before epoch 1: λ = `weightDecay`, A_0 = `initialAccuracy`; off after epoch
    /// ⌈`switchOff`·T⌉ when `switchOff` is set.
    public init(
        delta: Double, budget: Double, totalEpochs: Int, weightDecay: Double, initialAccuracy: Double, switchOff: Double? = nil
    ) {
        self.delta = delta
        self.budget = budget
        self.totalEpochs = totalEpochs
        switchOffEpoch = switchOff.map { Int((($0 * Double(totalEpochs)) - 1e-9).rounded(.up)) }
        self.weightDecay = weightDecay
        previousAccuracy = initialAccuracy
    }

    /// Applies the rule at the end of `epoch` (1-based); returns whether λ grew.
    @discardableResult
    public mutating func endEpoch(_ epoch: Int, trainAccuracy: Double, l1: Double) -> Bool {
        let grows = trainAccuracy >= previousAccuracy && l1 > budget && 2 * epoch <= totalEpochs
        weightDecay = grows ? weightDecay * delta : weightDecay / delta
        if let off = switchOffEpoch, epoch >= off { weightDecay = 0 }
        previousAccuracy = trainAccuracy
        return grows
    }
}

extension WeightDecaySchedule {
    /// Whether λ is set by the trainer from epoch statistics (`pilot:δ:K`) rather than by
    /// ``factor(at:totalSteps:)``.
    public var isAdaptive: Bool {
        if case .pilot = self { return true }
        return false
    }

    /// Whether the schedule is adaptive or a warmup before an adaptive one.
    public var containsAdaptive: Bool {
        switch self {
        case .pilot: return true
        case let .warmup(_, then): return then.containsAdaptive
        default: return false
        }
    }
}
