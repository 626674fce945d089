/// How values of type `V` map to ``ConfigValue`` for one ``TrialConfigField/Kind``.
struct FieldCoding<V: Sendable & Equatable>: Sendable {
    let kind: TrialConfigField.Kind
    let wrap: @Sendable (V) -> ConfigValue
    let unwrap: @Sendable (ConfigValue) -> V?
    /// Decodes the value at a key; nil when it is absent or null.
    let decode: @Sendable (KeyedDecodingContainer<FieldKey>, FieldKey) throws -> V?
}

extension FieldCoding where V: Decodable {
    /// Decodes a plain `V`.
    static var decodingV: @Sendable (KeyedDecodingContainer<FieldKey>, FieldKey) throws -> V? {
        { c, key in try c.decodeIfPresent(V.self, forKey: key) }
    }
}

extension FieldCoding {
    /// Decodes a list, or a single element as a list of one (as sweep specs accept).
    static func decodingList<E: Decodable>(_: E.Type) -> @Sendable (KeyedDecodingContainer<FieldKey>, FieldKey) throws -> [E]? {
        { c, key in
            if let single = try? c.decodeIfPresent(E.self, forKey: key) { return [single] }
            return try c.decodeIfPresent([E].self, forKey: key)
        }
    }
}

extension FieldCoding where V == Int {
    static var integer: Self {
        Self(kind: .integer, wrap: { .int($0) },
             unwrap: { if case let .int(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == UInt64 {
    static var unsigned64: Self {
        Self(kind: .unsigned64, wrap: { .uint($0) },
             unwrap: { if case let .uint(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == Double {
    static var number: Self {
        Self(kind: .number, wrap: { .double($0) },
             unwrap: { if case let .double(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == String {
    static var path: Self {
        Self(kind: .path, wrap: { .string($0) },
             unwrap: { if case let .string(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == String {
    static var text: Self {
        Self(kind: .text, wrap: { .string($0) },
             unwrap: { if case let .string(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == WeightDecaySchedule {
    static var schedule: Self {
        Self(kind: .schedule, wrap: { .schedule($0) }, unwrap: { if case let .schedule(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == InitialPoint {
    static var initialPoint: Self {
        Self(kind: .initialPoint, wrap: { .initialPoint($0) },
             unwrap: { if case let .initialPoint(v) = $0 { v } else { nil } }, decode: decodingV)
    }
}

extension FieldCoding where V == [Double] {
    static var numbers: Self {
        Self(kind: .numbers, wrap: { .doubles($0) },
             unwrap: { if case let .doubles(v) = $0 { v } else { nil } }, decode: decodingList(Double.self))
    }
}

extension FieldCoding where V == [Int] {
    static var integers: Self {
        Self(kind: .integers, wrap: { .ints($0) },
             unwrap: { if case let .ints(v) = $0 { v } else { nil } }, decode: decodingList(Int.self))
    }
}

extension FieldCoding where V: RawRepresentable & CaseIterable & Decodable, V.RawValue == String {
    /// One of the enum's raw values; the allowed values are its cases, in declaration order.
    static var choice: Self {
        Self(kind: .choice(V.allCases.map(\.rawValue)), wrap: { .choice($0.rawValue) },
             unwrap: { if case let .choice(v) = $0 { V(rawValue: v) } else { nil } }, decode: decodingV)
    }
}

extension TrialConfigField {
    /// A field holding a `V` whose default is the stored property's initial value.
    init<V>(_ name: String, _ path: WritableKeyPath<TrialConfig, V> & Sendable, _ coding: FieldCoding<V>,
            constraint: String, doc: String, identity: Identity = .omittedAtDefault, flag: String? = nil) {
        self.init(name, path, coding, defaultValue: .initial, constraint: constraint, doc: doc, identity: identity, flag: flag)
    }

    /// A field holding a `V` whose default depends on the fields before it; `text` describes the rule.
    init<V>(_ name: String, _ path: WritableKeyPath<TrialConfig, V> & Sendable, _ coding: FieldCoding<V>,
            derived text: String, _ rule: @escaping @Sendable (TrialConfig) -> V,
            constraint: String, doc: String, identity: Identity = .omittedAtDefault, flag: String? = nil) {
        self.init(name, path, coding, defaultValue: .derived(text, { coding.wrap(rule($0)) }), constraint: constraint, doc: doc,
                  identity: identity, flag: flag)
    }

    private init<V>(_ name: String, _ path: WritableKeyPath<TrialConfig, V> & Sendable, _ coding: FieldCoding<V>,
                    defaultValue: Default, constraint: String, doc: String, identity: Identity, flag: String?) {
        self.init(name: name, kind: coding.kind, isOptional: false, defaultValue: defaultValue, nullMeans: nil,
                  constraint: constraint, doc: doc, identity: identity, flag: flag ?? Self.kebab(name),
                  decode: { try coding.decode($0, $1).map(coding.wrap) },
                  get: { coding.wrap($0[keyPath: path]) },
                  set: { config, value in
                      guard let v = coding.unwrap(value) else { return false }
                      config[keyPath: path] = v
                      return true
                  })
    }

    /// An optional field (its initial value is its default, null for every field so far); `nullMeans` says what null stands for, if anything.
    init<V>(_ name: String, optional path: WritableKeyPath<TrialConfig, V?> & Sendable, _ coding: FieldCoding<V>,
            nullMeans: V? = nil, constraint: String, doc: String, identity: Identity = .omittedAtDefault, flag: String? = nil) {
        self.init(name: name, kind: coding.kind, isOptional: true, defaultValue: .initial,
                  nullMeans: nullMeans.map { coding.wrap($0).canonical }, constraint: constraint, doc: doc,
                  identity: identity, flag: flag ?? Self.kebab(name),
                  decode: { try coding.decode($0, $1).map(coding.wrap) },
                  get: { $0[keyPath: path].map(coding.wrap) ?? .null },
                  set: { config, value in
                      if value == .null {
                          config[keyPath: path] = nil
                          return true
                      }
                      guard let v = coding.unwrap(value) else { return false }
                      config[keyPath: path] = v
                      return true
                  })
    }

    /// `learning_rate` → `learning-rate`.
    static func kebab(_ name: String) -> String { name.replacingOccurrences(of: "_", with: "-") }
}
