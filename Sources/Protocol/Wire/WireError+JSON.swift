import JSON

extension WireError {
    /// The wire error for a JSON error met while reading message `messageType` (nil while the
    /// envelope itself is read).
    init(_ error: JSONError, messageType: String?) {
        switch error {
        case let .malformed(offset, reason):
            self = .malformedJSON(offset: offset, reason: reason)
        case let .trailingBytes(offset):
            self = .trailingGarbage(offset: offset)
        case let .missingField(path):
            self = .missingField(messageType: messageType, field: path.description)
        case let .wrongType(path, expected, found):
            self = .wrongFieldType(messageType: messageType, field: path.description, expected: "\(expected), found \(found)")
        case let .invalidValue(path, reason), let .rejected(path, reason):
            self = .invalidValue(messageType: messageType, field: path.description, reason: reason)
        }
    }
}
