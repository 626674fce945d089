import CZeroMQ

/// The one error type of the Protocol library: a failed ZeroMQ call or a message that cannot be decoded.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A libzmq call failed; `message` is `zmq_strerror(errno)`.
    case zmq(operation: String, errno: Int32, message: String)
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
    /// A CURVE key file or allow-list directory cannot be used; `reason` says why and what is allowed.
    case keyFile(path: String, reason: String)

    /// Builds a `.zmq` error from the current `zmq_errno()`.
    static func zmqFailure(_ operation: String) -> ProtocolError {
        zmqFailure(operation, errno: zmq_errno())
    }

    /// Builds a `.zmq` error for `errno`, with libzmq's text for it.
    static func zmqFailure(_ operation: String, errno: Int32) -> ProtocolError {
        .zmq(operation: operation, errno: errno, message: String(cString: zmq_strerror(errno)))
    }

    /// The error as one line that names the operation, field or offset and what is allowed.
    public var description: String {
        func inMessage(_ type: String?) -> String { type.map { " of message '\($0)'" } ?? "" }
        switch self {
        case let .zmq(operation, errno, message):
            return "\(operation): \(message) (errno \(errno))"
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
        case let .keyFile(path, reason):
            return "key file \(path): \(reason)"
        }
    }
}
