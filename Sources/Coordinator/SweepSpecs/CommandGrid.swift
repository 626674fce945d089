import Core
import Crypto

extension SweepSpec {
    /// The trials of a sweep with `command`, in grid order with seeds innermost: one
    /// ``CommandTrial`` per grid point (the `base` fields, overridden by the point's axis values),
    /// shared by the point's seeds. Two points with the same fields are an error.
    func expandCommand(_ sweep: CommandSweep) throws(SpecError) -> [TrialSpec] {
        let seedCount = seeds.count
        var trials: [TrialSpec] = []
        trials.reserveCapacity(trialCount)
        var seen: [SHA256.Digest: Int] = [:]
        var baseFields: [String: CommandField] = [:]
        for entry in sweep.base { baseFields[entry.name] = CommandField(name: entry.name, value: entry.value) }
        for point in 0..<pointCount {
            let entries = SpecAxis.entries(ofPoint: point, of: sweep.axes).joined()
            var fields = baseFields
            for entry in entries { fields[entry.name] = CommandField(name: entry.name, value: entry.value) }
            let work = CommandTrial(command: sweep.command, fields: Array(fields.values),
                                    workingDirectory: sweep.workingDirectory, timeout: sweep.timeout)
            let identity = work.identityJSON
            let values = Self.axisValues(entries)
            if let first = seen.updateValue(point, forKey: SHA256.hash(data: identity)) {
                throw .duplicateTrial(file: file, first: Self.axisValues(SpecAxis.entries(ofPoint: first, of: sweep.axes).joined()),
                                      second: values)
            }
            let prefix = TrialIdentity.hasher(canonical: identity)
            var trial = TrialSpec(id: "", index: 0, work: .command(work), seed: 0, axes: values)
            for (s, seed) in seeds.enumerated() {
                trial.id = TrialIdentity.id(prefix: prefix, seed: seed)
                trial.index = point * seedCount + s
                trial.seed = seed
                trials.append(trial)
            }
        }
        return trials
    }

    /// The axis values of a point's entries, each value as ``CommandField/text``.
    private static func axisValues(_ entries: some Sequence<CommandEntry>) -> [AxisValue] {
        entries.map { AxisValue(name: $0.name, value: CommandField.text(of: $0.value)) }
    }
}
