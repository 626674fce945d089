/// One field of ``TrialConfig``: its name, the values it holds, its default and typed access.
///
/// ``TrialConfig/fields`` lists them all; decoding and encoding, sweep specs, trial identity,
/// `mirrorsweep train`'s flags and SPEC.md's field table are derived from that list.
public struct TrialConfigField: Sendable {
    /// What a field holds.
    public enum Kind: Sendable, Equatable {
        case integer
        /// An integer from 0 to 2⁶⁴−1.
        case unsigned64
        case number
        /// A directory path.
        case path
        /// A free-text label (non-empty, no whitespace).
        case text
        /// One of the listed strings (an enum's raw values).
        case choice([String])
        /// A ``WeightDecaySchedule`` string.
        case schedule
        /// An ``InitialPoint`` string.
        case initialPoint
        /// A list of numbers; a single number is a list of one.
        case numbers
        /// A list of integers; a single integer is a list of one.
        case integers
    }

    /// How a field enters a trial's canonical JSON, and hence its id.
    public enum Identity: Sendable, Equatable {
        /// Always written unless null: the fields of the first release, whose ids are published.
        case always
        /// Left out while the field holds its default, so adding the field keeps every existing id.
        case omittedAtDefault
    }

    /// The default of a field.
    public enum Default: Sendable {
        /// The value `TrialConfig()` holds: the initial value of the stored property.
        case initial
        /// A value computed from the fields before it in the table; the text describes it for docs.
        case derived(String, @Sendable (TrialConfig) -> ConfigValue)
    }

    /// The snake_case name used in JSON, YAML and sweep specs.
    public let name: String
    public let kind: Kind
    /// Whether `null` is accepted.
    public let isOptional: Bool
    public let defaultValue: Default
    /// What `null` stands for when the default is null and means a value (`[64]` for `widths`).
    public let nullMeans: String?
    /// The values allowed beyond the kind (`≥ 1`), for docs; validation checks them.
    public let constraint: String
    /// A one-line description.
    public let doc: String
    public let identity: Identity
    /// The `mirrorsweep train` flag without `--` (the kebab-case name unless set).
    public let flag: String
    let decode: @Sendable (KeyedDecodingContainer<FieldKey>, FieldKey) throws -> ConfigValue?
    let get: @Sendable (TrialConfig) -> ConfigValue
    let set: @Sendable (inout TrialConfig, ConfigValue) -> Bool

    /// The field's value in `config`.
    public func value(in config: TrialConfig) -> ConfigValue { get(config) }

    /// Sets the field; `value` must be of the field's kind (`null` only for an optional field).
    public func set(_ value: ConfigValue, in config: inout TrialConfig) {
        guard set(&config, value) else { preconditionFailure("value \(value) does not fit field \(name)") }
    }

    /// The default `config` gives this field (derived defaults read the other fields).
    public func defaultValue(in config: TrialConfig) -> ConfigValue {
        switch defaultValue {
        case .initial: return get(TrialConfig())
        case let .derived(_, rule): return rule(config)
        }
    }

    /// Whether the default depends on other fields.
    public var isDerived: Bool {
        if case .derived = defaultValue { return true }
        return false
    }
}

extension TrialConfigField: Hashable {
    public static func == (a: Self, b: Self) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension TrialConfigField {
    /// The value the field contributes to a trial's canonical JSON, or nil when it is left out:
    /// null, or at its default for an `.omittedAtDefault` field.
    public func identityValue(in config: TrialConfig) -> ConfigValue? {
        let value = get(config)
        if value == .null { return nil }
        if identity == .omittedAtDefault, value == defaultValue(in: config) { return nil }
        return value
    }
}
