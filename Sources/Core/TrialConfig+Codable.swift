/// A coding key naming one ``TrialConfigField``.
struct FieldKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension TrialConfig: Codable {
    /// Decodes the fields of ``fields``; a missing or null field takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        self.init()
        var written: Set<String> = []
        for field in Self.fields {
            let key = FieldKey(stringValue: field.name)
            guard let value = try field.decode(c, key) else { continue }
            field.set(value, in: &self)
            written.insert(field.name)
        }
        fillDerivedDefaults(except: written)
    }

    /// Encodes the fields a trial's identity holds (``TrialConfigField/identityValue(in:)``): every
    /// field that is not null, except an `.omittedAtDefault` field at its default; in table order.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        for field in Self.fields {
            let key = FieldKey(stringValue: field.name)
            guard let value = field.identityValue(in: self) else { continue }
            switch value {
            case .null: continue
            case let .int(v): try c.encode(v, forKey: key)
            case let .uint(v): try c.encode(v, forKey: key)
            case let .double(v): try c.encode(v, forKey: key)
            case let .string(v), let .choice(v): try c.encode(v, forKey: key)
            case let .schedule(v): try c.encode(v, forKey: key)
            case let .initialPoint(v): try c.encode(v, forKey: key)
            case let .doubles(v): try c.encode(v, forKey: key)
            case let .ints(v): try c.encode(v, forKey: key)
            }
        }
    }
}
