import Core
import Crypto

extension SweepSpec {
    /// The base configuration with each spec entry applied, before validation.
    ///
    /// As when decoding a `TrialConfig`, a field with a derived default (`depth`, `dimension`) that
    /// is never written takes the default derived from the fields that are (only those fields are
    /// tracked, so most grid points build no set).
    func config(entries: [[SpecEntry]]) -> TrialConfig {
        var config = TrialConfig()
        var written: Set<String> = []
        for group in entries {
            for entry in group {
                entry.field.set(entry.value, in: &config)
                if entry.field.isDerived { written.insert(entry.field.name) }
            }
        }
        config.fillDerivedDefaults(except: written)
        return config
    }

    /// Every trial of the sweep, in grid order with seeds innermost.
    ///
    /// Each point's configuration is validated; an invalid value is reported at the entry that wrote
    /// the field (an axis value, else `base`). Two points with the same configuration are an error.
    /// A sweep with `command` gives command trials (``expandCommand(_:)``).
    public func expand() throws(SpecError) -> [TrialSpec] {
        if let commandSweep { return try expandCommand(commandSweep) }
        let points = pointCount
        let total = trialCount
        let axisValues = axes.map { axis in
            axis.points.map { point in point.map { AxisValue(name: $0.field.name, value: $0.value.canonical) } }
        }
        let seedCount = seeds.count
        var trials: [TrialSpec] = []
        trials.reserveCapacity(total)
        var seen: [SHA256.Digest: Int] = [:]
        seen.reserveCapacity(points)
        var counter = [Int](repeating: 0, count: axes.count)
        var entries: [[SpecEntry]] = [base] + axes.map { $0.points[0] }
        var template: TrialIdentity.CanonicalTemplate?
        for point in 0..<points {
            let config = self.config(entries: entries)
            try validate(config, entries: entries)
            // Points differ only in their axis fields and the defaults derived from them.
            if template == nil { template = TrialIdentity.CanonicalTemplate(sample: config, varying: Set(axisNames)) }
            let canonical = template!.bytes(of: config)
            let digest = SHA256.hash(data: canonical)
            let values = zip(axisValues, counter).flatMap { $0[$1] }
            if let first = seen.updateValue(point, forKey: digest) {
                throw .duplicateTrial(file: file, first: pointAxes(first), second: values)
            }
            let prefix = TrialIdentity.hasher(canonical: canonical)
            var trial = TrialSpec(id: "", index: 0, config: config, seed: 0, axes: values)
            for (s, seed) in seeds.enumerated() {
                trial.id = TrialIdentity.id(prefix: prefix, seed: seed)
                trial.index = point * seedCount + s
                trial.seed = seed
                trials.append(trial)
            }
            var a = counter.count - 1
            while a >= 0 {
                counter[a] += 1
                if counter[a] < axes[a].points.count {
                    entries[a + 1] = axes[a].points[counter[a]]
                    break
                }
                counter[a] = 0
                entries[a + 1] = axes[a].points[0]
                a -= 1
            }
        }
        return trials
    }

    private func pointAxes(_ point: Int) -> [AxisValue] {
        SpecAxis.entries(ofPoint: point, of: axes).flatMap { $0.map { AxisValue(name: $0.field.name, value: $0.value.canonical) } }
    }

    /// Validates a point's configuration, reporting the entry that last wrote the failing field.
    private func validate(_ config: TrialConfig, entries: [[SpecEntry]]) throws(SpecError) {
        do {
            try config.validate()
        } catch {
            let point = entries.dropFirst().flatMap { $0 }
            let context = point.isEmpty ? "" : " (at grid point " + point.map { "\($0.field.name)=\($0.value.canonical)" }.joined(separator: ", ") + ")"
            guard case let .invalidField(field, value, allowed) = error else {
                throw .invalidValue(at: root, path: "base", value: "", allowed: error.description + context)
            }
            let writer = entries.joined().last { $0.field.name == field }
            throw .invalidValue(at: writer?.location ?? root, path: writer?.path ?? "base.\(field) (default)",
                                value: value, allowed: allowed + context)
        }
    }
}
