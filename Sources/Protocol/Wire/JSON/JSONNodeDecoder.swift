import Core

/// Decodes a `Decodable` value (a `TrialConfig`, a `TrialResult`) from a parsed JSON value without
/// Foundation. Every error is a `WireError` naming the field by its path in the message.
enum JSONNodeDecoder {
    static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, messageType: String, path: [any CodingKey]
    ) throws(WireError) -> T {
        try decodeValue(type, from: value, FieldLocation(messageType: messageType, path: path))
    }
}

/// Runs `T.init(from:)` and turns whatever it throws into a `WireError` located at `at`.
///
/// Doubles, arrays of doubles and name → double maps (a result's `x`, `metrics`, `curves`) are
/// converted directly rather than element by element through `Decodable`.
private func decodeValue<T: Decodable>(_ type: T.Type, from value: JSONValue, _ at: FieldLocation) throws(WireError) -> T {
    if T.self == Double.self { return unsafeBitCast(try value.double(at), to: T.self) }
    if T.self == [Double].self {
        let elements = try value.array(at)
        var doubles = [Double]()
        doubles.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() {
            doubles.append(try e.double(FieldLocation(messageType: at.messageType, path: at.path + [JSONKey(intValue: i)])))
        }
        return unsafeBitCast(doubles, to: T.self)
    }
    if T.self == [String: Double].self {
        let members = try value.object(at)
        var dict = [String: Double](minimumCapacity: members.count)
        for (name, v) in members {
            dict[name] = try v.double(FieldLocation(messageType: at.messageType, path: at.path + [JSONKey(stringValue: name)]))
        }
        return unsafeBitCast(dict, to: T.self)
    }
    do {
        return try T(from: NodeDecoder(value: value, location: at))
    } catch let error as WireError {
        throw error
    } catch let DecodingError.dataCorrupted(context) {
        throw .invalidValue(messageType: at.messageType, field: at.field, reason: context.debugDescription)
    } catch let error as CoreError {
        throw .invalidValue(messageType: at.messageType, field: at.field, reason: error.description)
    } catch {
        throw .invalidValue(messageType: at.messageType, field: at.field, reason: "\(error)")
    }
}

private struct NodeDecoder: Decoder {
    let value: JSONValue
    let location: FieldLocation
    var codingPath: [any CodingKey] { location.path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedNodeContainer<Key>(members: try value.object(location), location: location))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedNodeContainer(elements: try value.array(location), location: location)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(value: value, location: location)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let location: FieldLocation
    var codingPath: [any CodingKey] { location.path }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { members.member(key.stringValue) != nil }

    private func at(_ key: Key) -> FieldLocation {
        FieldLocation(messageType: location.messageType, path: location.path + [key])
    }

    private func value(_ key: Key) throws(WireError) -> JSONValue {
        guard let v = members.member(key.stringValue) else { throw JSONValue.null.missing(at(key)) }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool(at(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).string(at(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).double(at(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try value(key).double(at(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).integer(type, at(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).integer(type, at(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).integer(type, at(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).integer(type, at(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).integer(type, at(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).integer(type, at(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).integer(type, at(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).integer(type, at(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).integer(type, at(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).integer(type, at(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let v = try value(key)
        if v.isNull { throw v.missing(at(key)) }
        return try decodeValue(type, from: v, at(key))
    }

    /// The value of `key` converted, or nil when absent or null: one lookup instead of the default's three.
    private func ifPresent<T>(_ key: Key, _ convert: (JSONValue) throws(WireError) -> T) throws(WireError) -> T? {
        guard let v = members.member(key.stringValue), !v.isNull else { return nil }
        return try convert(v)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try ifPresent(key) { v throws(WireError) in try v.bool(at(key)) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try ifPresent(key) { v throws(WireError) in try v.string(at(key)) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try ifPresent(key) { v throws(WireError) in try v.double(at(key)) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try ifPresent(key) { v throws(WireError) in Float(try v.double(at(key))) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try ifPresent(key) { v throws(WireError) in try v.integer(type, at(key)) } }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try ifPresent(key) { v throws(WireError) in try decodeValue(type, from: v, at(key)) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let loc = at(key)
        return KeyedDecodingContainer(KeyedNodeContainer<NestedKey>(members: try value(key).object(loc), location: loc))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let loc = at(key)
        return UnkeyedNodeContainer(elements: try value(key).array(loc), location: loc)
    }

    func superDecoder() throws -> any Decoder {
        let loc = FieldLocation(messageType: location.messageType, path: location.path + [JSONKey(stringValue: "super")])
        return NodeDecoder(value: members.member("super") ?? .null, location: loc)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(value: members.member(key.stringValue) ?? .null, location: at(key))
    }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let location: FieldLocation
    var codingPath: [any CodingKey] { location.path }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }
    private(set) var currentIndex = 0

    init(elements: [JSONValue], location: FieldLocation) {
        self.elements = elements
        self.location = location
    }

    private var here: FieldLocation {
        FieldLocation(messageType: location.messageType, path: location.path + [JSONKey(intValue: currentIndex)])
    }

    /// The next element; the index moves on only when the caller's conversion succeeds.
    private mutating func next<T>(_ convert: (JSONValue, FieldLocation) throws -> T) throws -> T {
        guard !isAtEnd else { throw JSONValue.null.missing(here) }
        let v = try convert(elements[currentIndex], here)
        currentIndex += 1
        return v
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { v, at throws(WireError) in try v.bool(at) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { v, at throws(WireError) in try v.string(at) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { v, at throws(WireError) in try v.double(at) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { v, at throws(WireError) in Float(try v.double(at)) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { v, at throws(WireError) in try v.integer(type, at) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { v, at throws(WireError) in try v.integer(type, at) } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { v, at throws(WireError) in
            if v.isNull { throw v.missing(at) }
            return try decodeValue(type, from: v, at)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { v, at throws(WireError) in
            KeyedDecodingContainer(KeyedNodeContainer<NestedKey>(members: try v.object(at), location: at))
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { v, at throws(WireError) in UnkeyedNodeContainer(elements: try v.array(at), location: at) }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { v, at in NodeDecoder(value: v, location: at) }
    }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let location: FieldLocation
    var codingPath: [any CodingKey] { location.path }

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try value.bool(location) }
    func decode(_ type: String.Type) throws -> String { try value.string(location) }
    func decode(_ type: Double.Type) throws -> Double { try value.double(location) }
    func decode(_ type: Float.Type) throws -> Float { Float(try value.double(location)) }
    func decode(_ type: Int.Type) throws -> Int { try value.integer(type, location) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value.integer(type, location) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value.integer(type, location) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value.integer(type, location) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value.integer(type, location) }
    func decode(_ type: UInt.Type) throws -> UInt { try value.integer(type, location) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value.integer(type, location) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value.integer(type, location) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value.integer(type, location) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value.integer(type, location) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: value, location) }
}
