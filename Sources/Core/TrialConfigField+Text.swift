extension TrialConfigField {
    /// What the field accepts, for error messages (`an integer`, `a number, a list of numbers or null`).
    public var expected: String {
        switch kind {
        case .integer: return Self.alternatives(["an integer"], isOptional)
        case .unsigned64: return Self.alternatives(["an integer from 0 to \(UInt64.max)"], isOptional)
        case .number: return Self.alternatives(["a number"], isOptional)
        case .path: return Self.alternatives(["a directory path (string)"], isOptional)
        case .text: return Self.alternatives(["a label (string without spaces)"], isOptional)
        case let .choice(allowed): return Self.alternatives(["one of " + allowed.joined(separator: ", ")], isOptional)
        case .schedule: return Self.alternatives(["a schedule string (\(WeightDecaySchedule.allowedForms))"], isOptional)
        case .initialPoint: return Self.alternatives(["a start string (\(InitialPoint.allowedForms))"], isOptional)
        case .numbers: return Self.alternatives(["a number", "a list of numbers"], isOptional)
        case .integers: return Self.alternatives(["an integer", "a list of integers"], isOptional)
        }
    }

    /// The field's type for SPEC.md (`integer or null`, `number or list of numbers`).
    public var typeName: String {
        switch kind {
        case .integer, .unsigned64: return Self.alternatives(["integer"], isOptional)
        case .number: return Self.alternatives(["number"], isOptional)
        case .path, .text, .choice, .schedule, .initialPoint: return Self.alternatives(["string"], isOptional)
        case .numbers: return Self.alternatives(["number", "list of numbers"], isOptional)
        case .integers: return Self.alternatives(["integer", "list of integers"], isOptional)
        }
    }

    /// The default for docs: `40`, `` `gd` ``, `null (= `[64]`)`, or the derived default's text.
    public var defaultText: String {
        if case let .derived(text, _) = defaultValue { return text }
        let value = defaultValue(in: TrialConfig())
        switch value {
        case .null: return nullMeans.map { "null (= `\($0)`)" } ?? "null"
        case .int, .uint, .double: return value.canonical
        case .string, .choice, .schedule, .initialPoint, .doubles, .ints: return "`\(value.canonical)`"
        }
    }

    /// `a`, `a or null`, `a, b or null`.
    private static func alternatives(_ parts: [String], _ orNull: Bool) -> String {
        let all = orNull ? parts + ["null"] : parts
        guard all.count > 1 else { return all[0] }
        return all.dropLast().joined(separator: ", ") + " or " + all[all.count - 1]
    }
}
