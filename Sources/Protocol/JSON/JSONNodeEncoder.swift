/// Encodes an `Encodable` value (a `TrialConfig`, a `TrialResult`, a status) into JSON bytes
/// without Foundation, keeping the members in the order the value encodes them unless the
/// writer's format sorts them. Non-finite doubles become strings.
///
/// Writing JSON cannot fail, so the encoder tracks no coding path: `codingPath` is always empty.
package enum JSONNodeEncoder {
    /// Appends the JSON of `value` to `writer`, laid out as the writer's format says. Rethrows
    /// what `value.encode(to:)` throws; the encoder itself never fails.
    package static func encode<T: Encodable>(_ value: T, into writer: inout JSONWriter) throws {
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node))
        writer.node(node)
    }

    /// The JSON of `value` in `format`; rethrows what `value.encode(to:)` throws.
    package static func json<T: Encodable>(_ value: T, format: JSONFormat = []) throws -> [UInt8] {
        var writer = JSONWriter(format: format)
        try encode(value, into: &writer)
        return writer.bytes
    }

    /// Compact JSON of `value` with the members of every object sorted by key, doubles written as
    /// in messages (shortest round trip; non-finite ones as `"nan"`, `"inf"`, `"-inf"`): the
    /// canonical form in which the journal stores results and axes. `value.encode(to:)` must not
    /// throw, as that of `TrialConfig`, `TrialResult` and `AxisValue` does not.
    package static func sortedJSON<T: Encodable>(_ value: T) -> [UInt8] {
        do {
            return try json(value, format: .sortedKeys)
        } catch {
            preconditionFailure("encoding \(T.self) cannot fail: \(error)")
        }
    }
}

/// A mutable tree node that encoding containers fill; containers may be created before they are filled.
final class EncodingNode {
    enum Kind { case unset, scalar, object, array }
    var kind = Kind.unset
    var scalar = JSONValue.null
    var members: [(key: String, slot: EncodedSlot)] = []
    var elements: [EncodedSlot] = []
}

/// A finished scalar, or a node that a nested container is still filling.
enum EncodedSlot {
    case value(JSONValue)
    case node(EncodingNode)
}

extension JSONWriter {
    /// Writes `node`; with `.sortedKeys` in the format, the members of every object in ascending order of key.
    mutating func node(_ node: EncodingNode) {
        switch node.kind {
        case .unset: raw("{}")
        case .scalar: value(node.scalar)
        case .object:
            open(UInt8(ascii: "{"))
            let members = format.contains(.sortedKeys) ? node.members.sorted { $0.key < $1.key } : node.members
            for (k, m) in members.enumerated() {
                member(k, m.key)
                slot(m.slot)
            }
            close(UInt8(ascii: "}"), empty: members.isEmpty)
        case .array:
            open(UInt8(ascii: "["))
            for (k, e) in node.elements.enumerated() {
                item(k)
                slot(e)
            }
            close(UInt8(ascii: "]"), empty: node.elements.isEmpty)
        }
    }

    private mutating func slot(_ slot: EncodedSlot) {
        switch slot {
        case let .value(v): value(v)
        case let .node(n): node(n)
        }
    }
}

/// Encodes one value of the tree: the common scalars and arrays of doubles directly (matched by
/// type, without a dynamic cast), anything else into a child node.
private func encodeSlot<T: Encodable>(_ value: T) throws -> EncodedSlot {
    if T.self == Double.self { return .value(.double(unsafeBitCast(value, to: Double.self))) }
    if T.self == String.self { return .value(.string(unsafeBitCast(value, to: String.self))) }
    if T.self == Int.self { return .value(.int(Int64(unsafeBitCast(value, to: Int.self)))) }
    if T.self == [Double].self { return .value(.array(unsafeBitCast(value, to: [Double].self).map(JSONValue.double))) }
    let child = EncodingNode()
    try value.encode(to: NodeEncoder(node: child))
    return child.kind == .scalar ? .value(child.scalar) : .node(child)
}

private func integerValue<T: FixedWidthInteger>(_ v: T) -> JSONValue {
    if let i = Int64(exactly: v) { return .int(i) }
    return .uint(UInt64(v))
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kind = .object
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.kind = .array
        return UnkeyedNodeContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }

    private func put(_ v: JSONValue, _ key: Key) { node.members.append((key.stringValue, .value(v))) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ v: Bool, forKey key: Key) throws { put(.bool(v), key) }
    mutating func encode(_ v: String, forKey key: Key) throws { put(.string(v), key) }
    mutating func encode(_ v: Double, forKey key: Key) throws { put(.double(v), key) }
    mutating func encode(_ v: Float, forKey key: Key) throws { put(.double(Double(v)), key) }
    mutating func encode(_ v: Int, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: Int8, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: Int16, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: Int32, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: Int64, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: UInt, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: UInt8, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: UInt16, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: UInt32, forKey key: Key) throws { put(integerValue(v), key) }
    mutating func encode(_ v: UInt64, forKey key: Key) throws { put(integerValue(v), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.members.append((key.stringValue, try encodeSlot(value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        child.kind = .object
        node.members.append((key.stringValue, .node(child)))
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        child.kind = .array
        node.members.append((key.stringValue, .node(child)))
        return UnkeyedNodeContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodingNode()
        node.members.append(("super", .node(child)))
        return NodeEncoder(node: child)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodingNode()
        node.members.append((key.stringValue, .node(child)))
        return NodeEncoder(node: child)
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer, ScalarSink {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.elements.count }

    func put(_ v: JSONValue) { node.elements.append(.value(v)) }


    mutating func encode<T: Encodable>(_ value: T) throws {
        node.elements.append(try encodeSlot(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        child.kind = .object
        node.elements.append(.node(child))
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        child.kind = .array
        node.elements.append(.node(child))
        return UnkeyedNodeContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodingNode()
        node.elements.append(.node(child))
        return NodeEncoder(node: child)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer, ScalarSink {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }

    func put(_ v: JSONValue) {
        node.kind = .scalar
        node.scalar = v
    }


    mutating func encode<T: Encodable>(_ value: T) throws {
        switch try encodeSlot(value) {
        case let .value(v): put(v)
        case let .node(child):
            node.kind = child.kind
            node.members = child.members
            node.elements = child.elements
        }
    }
}

/// A container that stores each scalar it is given as one JSON value: the scalar `encode`
/// methods that the unkeyed and the single-value containers share.
private protocol ScalarSink {
    func put(_ v: JSONValue)
}

extension ScalarSink {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ v: Bool) throws { put(.bool(v)) }
    mutating func encode(_ v: String) throws { put(.string(v)) }
    mutating func encode(_ v: Double) throws { put(.double(v)) }
    mutating func encode(_ v: Float) throws { put(.double(Double(v))) }
    mutating func encode(_ v: Int) throws { put(integerValue(v)) }
    mutating func encode(_ v: Int8) throws { put(integerValue(v)) }
    mutating func encode(_ v: Int16) throws { put(integerValue(v)) }
    mutating func encode(_ v: Int32) throws { put(integerValue(v)) }
    mutating func encode(_ v: Int64) throws { put(integerValue(v)) }
    mutating func encode(_ v: UInt) throws { put(integerValue(v)) }
    mutating func encode(_ v: UInt8) throws { put(integerValue(v)) }
    mutating func encode(_ v: UInt16) throws { put(integerValue(v)) }
    mutating func encode(_ v: UInt32) throws { put(integerValue(v)) }
    mutating func encode(_ v: UInt64) throws { put(integerValue(v)) }
}
