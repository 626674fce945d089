import SweepSpecs

/// One configuration of a comparison (every field but the seed) with the outcomes of its trials.
public struct ComparisonConfiguration: Hashable, Sendable {
    /// Every field but the seed, with its canonical text (`null` when unset), in field order.
    public var fields: [AxisValue]
    /// The metrics of each completed trial, by seed.
    public var completed: [UInt64: [String: Double]]
    /// Trials whose every attempt failed.
    public var failed: Int
    /// Trials that diverged.
    public var diverged: Int
    /// Trials not yet recorded.
    public var pending: Int

    public init(fields: [AxisValue], completed: [UInt64: [String: Double]], failed: Int = 0, diverged: Int = 0, pending: Int = 0) {
        self.fields = fields
        self.completed = completed
        self.failed = failed
        self.diverged = diverged
        self.pending = pending
    }

    /// The text of the field `name`; nil when the configuration lacks it or it is `null`.
    func field(_ name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value, value != "null" else { return nil }
        return value
    }

    /// The values of `metric` of the completed trials that recorded it, by seed in increasing order.
    func values(_ metric: String) -> [(seed: UInt64, value: Double)] {
        completed.keys.sorted().compactMap { seed in completed[seed]?[metric].map { (seed, $0) } }
    }
}
