import Core
import SweepSpecs

/// The axes of a table over every recorded trial, of the current spec and earlier ones: each
/// field whose value differs between the trials, so that trials of different configurations
/// never share a row. Values are the fields' canonical text, as the spec's axes give them.
enum EveryTrialAxes {
    /// `records` with their axes replaced by the fields that differ among them: the current
    /// spec's axes first, in its order, then the other fields in the core's field order or by
    /// name for command fields.
    static func relabel(_ records: [TrialRecord]) -> [TrialRecord] {
        let fields = records.map { fieldTexts(of: $0.spec.work) }
        var order: [String] = []
        var seen: Set<String> = []
        for record in records {
            for axis in record.spec.axes where seen.insert(axis.name).inserted { order.append(axis.name) }
        }
        for texts in fields {
            for (name, _) in texts where seen.insert(name).inserted { order.append(name) }
        }
        let maps = fields.map { Dictionary($0, uniquingKeysWith: { first, _ in first }) }
        let varying = order.filter { name in Set(maps.map { $0[name] ?? absent }).count > 1 }
        return zip(records, maps).map { record, texts in
            var record = record
            record.spec.axes = varying.map { AxisValue(name: $0, value: texts[$0] ?? absent) }
            return record
        }
    }

    /// How a field a trial does not have is shown.
    static let absent = "—"

    /// Every field of `work` with its canonical text.
    static func fieldTexts(of work: TrialWork) -> [(String, String)] {
        switch work {
        case let .core(config): TrialConfig.fields.map { ($0.name, $0.value(in: config).canonical) }
        case let .command(trial): trial.fields.map { ($0.name, CommandField.text(of: $0.value)) }
        }
    }
}
