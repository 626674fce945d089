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
public struct TrialSpec: Hashable, Sendable {
    /// Hex SHA-256 of the canonical configuration and seed.
    public var id: String
    /// Position in the expanded grid, for a stable order of tables.
    public var index: Int
    /// What the trial runs; copies of a trial spec share it until one of them sets it, so that
    /// the seeds of a grid point hold it once.
    public var work: TrialWork {
        get { shared.work }
        set { shared = SharedConfig(newValue) }
    }
    public var seed: UInt64
    /// The grid's axis values for this trial, in spec order, seeds excluded.
    public var axes: [AxisValue]
    private var shared: SharedConfig

    public init(id: String, index: Int, work: TrialWork, seed: UInt64, axes: [AxisValue]) {
        self.id = id
        self.index = index
        self.shared = SharedConfig(work)
        self.seed = seed
        self.axes = axes
    }

    /// A trial of the built-in core with `config`.
    public init(id: String, index: Int, config: TrialConfig, seed: UInt64, axes: [AxisValue]) {
        self.init(id: id, index: index, work: .core(config), seed: seed, axes: axes)
    }

    public static func == (lhs: TrialSpec, rhs: TrialSpec) -> Bool {
        lhs.id == rhs.id && lhs.index == rhs.index && lhs.seed == rhs.seed && lhs.axes == rhs.axes
            && (lhs.shared === rhs.shared || lhs.work == rhs.work)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(index)
        hasher.combine(work)
        hasher.combine(seed)
        hasher.combine(axes)
    }
}

/// What a trial runs, held by reference, shared by copies of a ``TrialSpec``.
private final class SharedConfig: Sendable {
    let work: TrialWork

    init(_ work: TrialWork) {
        self.work = work
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
