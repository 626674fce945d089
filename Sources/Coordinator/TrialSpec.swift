import Core

/// One axis value of a grid point, as written in the spec (e.g. `weight_decay` = `0.05`).
public struct AxisValue: Codable, Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A trial of a sweep: its identity, configuration, seed and the axis values that produced it.
public struct TrialSpec: Codable, Hashable, Sendable {
    /// Hex SHA-256 of the canonical configuration and seed.
    public var id: String
    /// Position in the expanded grid, for a stable order of tables.
    public var index: Int
    public var config: TrialConfig
    public var seed: UInt64
    /// The grid's axis values for this trial, in spec order, seeds excluded.
    public var axes: [AxisValue]

    public init(id: String, index: Int, config: TrialConfig, seed: UInt64, axes: [AxisValue]) {
        self.id = id
        self.index = index
        self.config = config
        self.seed = seed
        self.axes = axes
    }
}

/// How a recorded trial ended.
public enum TrialOutcome: Hashable, Sendable {
    /// The worker returned a result (completed or diverged).
    case done(TrialResult)
    /// Every attempt failed; the message is the last worker error.
    case failed(message: String, attempts: Int)
}

/// A trial and, once recorded, its outcome.
public struct TrialRecord: Hashable, Sendable {
    public var spec: TrialSpec
    public var outcome: TrialOutcome?

    public init(spec: TrialSpec, outcome: TrialOutcome?) {
        self.spec = spec
        self.outcome = outcome
    }
}
