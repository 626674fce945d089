/// Decodes a `Decodable` value (a `TrialConfig`, a `TrialResult`, a status file) from JSON without
/// Foundation. Every error is a `JSONError` naming the field by its path in the document; a
/// `DecodingError` thrown by a value's `init(from:)` becomes `.invalidValue` at the value's path,
/// any other error `.rejected`.
///
/// Doubles also accept the strings `"nan"`, `"inf"` and `"-inf"` that stand for non-finite values.
package enum JSONNodeDecoder {
    /// Decodes `type` from a parsed value that sits at `codingPath` in its document.
    package static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, codingPath: [any CodingKey] = []
    ) throws(JSONError) -> T {
        try decodeValue(type, from: value, codingPath)
    }

    /// Decodes `type` from JSON text holding exactly one value.
    package static func decode<T: Decodable>(_ type: T.Type, from text: String) throws(JSONError) -> T {
        try decodeValue(type, from: try JSONParser.parse(text), [])
    }

    /// Decodes `type` from UTF-8 JSON bytes holding exactly one value.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(JSONError) -> T {
        try decodeValue(type, from: try JSONParser.parse(bytes), [])
    }
}

/// Runs `T.init(from:)` and turns whatever it throws into a `JSONError` located at `path`.
///
/// Doubles, arrays of doubles and name → double maps (a result's `x`, `metrics`, `curves`) are
/// converted directly rather than element by element through `Decodable`.
private func decodeValue<T: Decodable>(_ type: T.Type, from value: JSONValue, _ path: [any CodingKey]) throws(JSONError) -> T {
    if T.self == Double.self { return unsafeBitCast(try value.double(at: JSONPath(codingPath: path)), to: T.self) }
    if T.self == [Double].self {
        let elements = try value.array(at: JSONPath(codingPath: path))
        var doubles = [Double]()
        doubles.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() {
            doubles.append(try e.double(at: JSONPath(codingPath: path + [JSONKey(intValue: i)])))
        }
        return unsafeBitCast(doubles, to: T.self)
    }
    if T.self == [String: Double].self {
        let members = try value.object(at: JSONPath(codingPath: path))
        var dict = [String: Double](minimumCapacity: members.count)
        for (name, v) in members {
            dict[name] = try v.double(at: JSONPath(codingPath: path + [JSONKey(stringValue: name)]))
        }
        return unsafeBitCast(dict, to: T.self)
    }
    do {
        return try T(from: NodeDecoder(value: value, codingPath: path))
    } catch let error as JSONError {
        throw error
    } catch let DecodingError.dataCorrupted(context) {
        throw .invalidValue(path: JSONPath(codingPath: path), reason: context.debugDescription)
    } catch let error as DecodingError {
        throw .invalidValue(path: JSONPath(codingPath: path), reason: "\(error)")
    } catch {
        throw .rejected(path: JSONPath(codingPath: path), reason: "\(error)")
    }
}

private struct NodeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedNodeContainer<Key>(members: try value.object(at: JSONPath(codingPath: codingPath)), codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedNodeContainer(elements: try value.array(at: JSONPath(codingPath: codingPath)), codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(value: value, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { members.member(key.stringValue) != nil }

    private func at(_ key: Key) -> JSONPath { JSONPath(codingPath: codingPath + [key]) }

    private func value(_ key: Key) throws(JSONError) -> JSONValue {
        guard let v = members.member(key.stringValue) else { throw .missingField(path: at(key)) }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool(at: at(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).string(at: at(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).double(at: at(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try value(key).double(at: at(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).integer(type, at: at(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).integer(type, at: at(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).integer(type, at: at(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).integer(type, at: at(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let v = try value(key)
        if v.isNull { throw JSONError.missingField(path: at(key)) }
        return try decodeValue(type, from: v, codingPath + [key])
    }

    /// The value of `key` converted, or nil when absent or null: one lookup instead of the default's three.
    private func ifPresent<T>(_ key: Key, _ convert: (JSONValue) throws(JSONError) -> T) throws(JSONError) -> T? {
        guard let v = members.member(key.stringValue), !v.isNull else { return nil }
        return try convert(v)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try ifPresent(key) { v throws(JSONError) in try v.bool(at: at(key)) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try ifPresent(key) { v throws(JSONError) in try v.string(at: at(key)) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try ifPresent(key) { v throws(JSONError) in try v.double(at: at(key)) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try ifPresent(key) { v throws(JSONError) in Float(try v.double(at: at(key))) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try ifPresent(key) { v throws(JSONError) in try v.integer(type, at: at(key)) } }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try ifPresent(key) { v throws(JSONError) in try decodeValue(type, from: v, codingPath + [key]) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedNodeContainer<NestedKey>(members: try value(key).object(at: at(key)), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedNodeContainer(elements: try value(key).array(at: at(key)), codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        NodeDecoder(value: members.member("super") ?? .null, codingPath: codingPath + [JSONKey(stringValue: "super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(value: members.member(key.stringValue) ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    private var herePath: [any CodingKey] { codingPath + [JSONKey(intValue: currentIndex)] }

    /// The next element; the index moves on only when the caller's conversion succeeds.
    private mutating func next<T>(_ convert: (JSONValue, @autoclosure () -> JSONPath) throws -> T) throws -> T {
        guard !isAtEnd else { throw JSONError.missingField(path: JSONPath(codingPath: herePath)) }
        let v = try convert(elements[currentIndex], JSONPath(codingPath: herePath))
        currentIndex += 1
        return v
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { v, at throws(JSONError) in try v.bool(at: at()) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { v, at throws(JSONError) in try v.string(at: at()) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { v, at throws(JSONError) in try v.double(at: at()) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { v, at throws(JSONError) in Float(try v.double(at: at())) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { v, at throws(JSONError) in try v.integer(type, at: at()) } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let path = herePath
        return try next { v, _ throws(JSONError) in
            if v.isNull { throw JSONError.missingField(path: JSONPath(codingPath: path)) }
            return try decodeValue(type, from: v, path)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let path = herePath
        return try next { v, at throws(JSONError) in
            KeyedDecodingContainer(KeyedNodeContainer<NestedKey>(members: try v.object(at: at()), codingPath: path))
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let path = herePath
        return try next { v, at throws(JSONError) in UnkeyedNodeContainer(elements: try v.array(at: at()), codingPath: path) }
    }

    mutating func superDecoder() throws -> any Decoder {
        let path = herePath
        return try next { v, _ in NodeDecoder(value: v, codingPath: path) }
    }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    private var here: JSONPath { JSONPath(codingPath: codingPath) }

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try value.bool(at: here) }
    func decode(_ type: String.Type) throws -> String { try value.string(at: here) }
    func decode(_ type: Double.Type) throws -> Double { try value.double(at: here) }
    func decode(_ type: Float.Type) throws -> Float { Float(try value.double(at: here)) }
    func decode(_ type: Int.Type) throws -> Int { try value.integer(type, at: here) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value.integer(type, at: here) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value.integer(type, at: here) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value.integer(type, at: here) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value.integer(type, at: here) }
    func decode(_ type: UInt.Type) throws -> UInt { try value.integer(type, at: here) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value.integer(type, at: here) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value.integer(type, at: here) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value.integer(type, at: here) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value.integer(type, at: here) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: value, codingPath) }
}
