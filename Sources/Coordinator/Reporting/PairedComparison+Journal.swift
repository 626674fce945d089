import Core
import JSON
import Journaling
import SweepSpecs

extension PairedComparison {
    /// Compares the methods of the current spec of `journal`: its trials grouped by configuration
    /// (every field but the seed), in grid order. Trials are read one at a time and only their
    /// metrics are kept.
    public init(journal: Journal, options: ComparisonOptions) throws {
        var grouping = ConfigurationGrouping()
        try journal.forEachRecord { grouping.add($0) }
        try self.init(configurations: grouping.configurations, options: options)
    }

    /// Trials gathered into configurations in the order they arrive.
    struct ConfigurationGrouping {
        private(set) var configurations: [ComparisonConfiguration] = []
        private var positions: [TrialWork: Int] = [:]

        /// Counts `record` in its configuration, which is appended when it is new.
        mutating func add(_ record: TrialRecord) {
            let work = record.spec.work
            let position: Int
            if let found = positions[work] {
                position = found
            } else {
                position = configurations.count
                positions[work] = position
                configurations.append(ComparisonConfiguration(fields: PairedComparison.fields(of: work), completed: [:]))
            }
            switch record.outcome {
            case nil:
                configurations[position].pending += 1
            case .failed:
                configurations[position].failed += 1
            case let .done(result) where result.status == .diverged:
                configurations[position].diverged += 1
            case let .done(result):
                configurations[position].completed[record.spec.seed] = result.metrics
            }
        }
    }

    /// Every field of `work` with its canonical text, `null` when unset.
    private static func fields(of work: TrialWork) -> [AxisValue] {
        switch work {
        case let .core(config):
            return TrialConfig.fields.map { AxisValue(name: $0.name, value: $0.value(in: config).canonical) }
        case let .command(trial):
            return trial.fields.map { field in
                if case .null = field.value { return AxisValue(name: field.name, value: "null") }
                return AxisValue(name: field.name, value: field.text)
            }
        }
    }
}
