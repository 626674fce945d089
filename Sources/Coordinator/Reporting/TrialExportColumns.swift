import Core
import JSON

/// The columns of an export and each trial's cells under them: `trial_id`, `seed`, the
/// configuration's fields, `status`, `attempts`, the metrics, `wall_seconds` and `worker`.
package struct TrialExportColumns {
    /// The configuration's columns: every ``TrialConfig`` field in table order when core trials
    /// are exported, then the command trials' fields that are not among them, sorted.
    package let configFields: [String]
    /// Every metric a trial reported, sorted.
    package let metrics: [String]
    /// Every column, in order; a metric named like another column (core trials' `sparsity`) is
    /// `metric_` and its name.
    package let names: [String]
    /// The ``TrialConfig`` field of each of ``configFields``, nil for a command trial's own.
    private let coreFields: [TrialConfigField?]
    private let metricPositions: [String: Int]

    /// The columns of trials that include core trials when `hasCoreTrials`, with the command
    /// trials' `commandFields` and the reported `metrics` (in any order, repeats allowed).
    package init(hasCoreTrials: Bool, commandFields: some Sequence<String>, metrics: some Sequence<String>) {
        let core = hasCoreTrials ? TrialConfig.fieldNames : []
        configFields = core + Set(commandFields).subtracting(core).sorted()
        coreFields = configFields.map(TrialConfig.field(named:))
        self.metrics = Set(metrics).sorted()
        metricPositions = Dictionary(uniqueKeysWithValues: self.metrics.enumerated().map { ($1, $0) })
        let before = ["trial_id", "seed"] + configFields + ["status", "attempts"], after = ["wall_seconds", "worker"]
        var taken = Set(before + after + self.metrics)
        let metricColumns = self.metrics.map { metric in
            guard (before + after).contains(metric) else { return metric }
            var name = "metric_" + metric
            while taken.contains(name) { name = "metric_" + name }
            taken.insert(name)
            return name
        }
        names = before + metricColumns + after
    }

    /// The cells of a trial: `state` is the journal's (`pending`, `done`, `failed`); `outcome`,
    /// of a done trial, makes its status `diverged` when it diverged and gives its metrics.
    package func cells(
        id: String, seed: UInt64, work: TrialWork, state: String, attempts: Int, outcome: TrialExportOutcome?, worker: String?
    ) -> [JSONValue] {
        var cells: [JSONValue] = []
        cells.reserveCapacity(names.count)
        cells.append(.string(id))
        cells.append(Self.integer(seed))
        for (position, name) in configFields.enumerated() {
            switch work {
            case let .core(config): cells.append(coreFields[position].map { Self.json($0.value(in: config)) } ?? .null)
            case let .command(trial): cells.append(trial.field(name) ?? .null)
            }
        }
        cells.append(.string(outcome?.diverged == true ? "diverged" : state))
        cells.append(.int(Int64(attempts)))
        var values = [JSONValue](repeating: .null, count: metrics.count)
        for metric in outcome?.metrics ?? [] {
            if let position = metricPositions[metric.name] { values[position] = .double(metric.value) }
        }
        cells += values
        cells.append(outcome?.wallSeconds.map(JSONValue.double) ?? .null)
        cells.append(worker.map(JSONValue.string) ?? .null)
        return cells
    }

    /// A configuration value as typed JSON: numbers as numbers, lists as arrays, the rest as strings.
    static func json(_ value: ConfigValue) -> JSONValue {
        switch value {
        case .null: .null
        case let .int(n): .int(Int64(n))
        case let .uint(n): integer(n)
        case let .double(d): .double(d)
        case let .string(s), let .choice(s): .string(s)
        case let .schedule(s): .string(s.description)
        case let .initialPoint(s): .string(s.description)
        case let .doubles(list): .array(list.map(JSONValue.double))
        case let .ints(list): .array(list.map { .int(Int64($0)) })
        }
    }

    /// An unsigned integer: `.int` when it fits, as the JSON parser reads it.
    private static func integer(_ n: UInt64) -> JSONValue {
        n <= UInt64(Int64.max) ? .int(Int64(n)) : .uint(n)
    }
}
