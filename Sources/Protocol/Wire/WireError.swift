/// The one error type of the Wire library: bytes that are not a message this version reads.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message is larger than the codec's limit; nothing was parsed.
    case oversize(size: Int, limit: Int)
    /// The bytes are not valid JSON (or not UTF-8); `offset` is the byte where parsing stopped.
    case malformedJSON(offset: Int, reason: String)
    /// A complete JSON value is followed by more non-whitespace bytes, starting at `offset`.
    case trailingGarbage(offset: Int)
    /// The top-level JSON value is not an object; `found` names what it is.
    case notAnObject(found: String)
    /// The envelope's `v` is not the supported protocol version.
    case unsupportedVersion(found: Int, supported: Int)
    /// The envelope's `type` names no known message.
    case unknownType(String)
    /// A required field is absent (or null); `messageType` is nil while the envelope itself is read.
    case missingField(messageType: String?, field: String)
    /// A field holds a JSON value of the wrong kind; `expected` says what is allowed.
    case wrongFieldType(messageType: String?, field: String, expected: String)
    /// A field has the right kind but a value that is not allowed (an unknown enum name, a bad schedule, …).
    case invalidValue(messageType: String?, field: String, reason: String)

    /// The error as one line that names the field or offset and what is allowed.
    public var description: String {
        func inMessage(_ type: String?) -> String { type.map { " of message '\($0)'" } ?? "" }
        switch self {
        case let .oversize(size, limit):
            return "message of \(size) bytes exceeds the limit of \(limit) bytes"
        case let .malformedJSON(offset, reason):
            return "malformed JSON at byte \(offset): \(reason)"
        case let .trailingGarbage(offset):
            return "trailing bytes after the JSON object, starting at byte \(offset)"
        case let .notAnObject(found):
            return "message is a JSON \(found), expected an object"
        case let .unsupportedVersion(found, supported):
            return "protocol version \(found) is not supported (this side speaks version \(supported))"
        case let .unknownType(type):
            return "unknown message type '\(type)'; allowed: \(MessageType.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .missingField(type, field):
            return "missing field '\(field)'\(inMessage(type))"
        case let .wrongFieldType(type, field, expected):
            return "field '\(field)'\(inMessage(type)) has the wrong type: expected \(expected)"
        case let .invalidValue(type, field, reason):
            return "invalid value for field '\(field)'\(inMessage(type)): \(reason)"
        }
    }
}
