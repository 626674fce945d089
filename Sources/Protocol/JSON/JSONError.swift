/// The one error type of the JSON library: bytes that are not JSON, or JSON that does not hold
/// the value asked for. Each case keeps where it happened: the byte offset in the input, or the
/// path of the field in the document.
package enum JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not valid JSON (or not UTF-8); `offset` is the byte where parsing stopped.
    case malformed(offset: Int, reason: String)
    /// A complete JSON value is followed by more non-whitespace bytes, starting at `offset`.
    case trailingBytes(offset: Int)
    /// A required field is absent or null.
    case missingField(path: JSONPath)
    /// A field holds a JSON value of the wrong kind: `expected` says what is allowed, `found`
    /// names the kind there (`"string"`, `"object"`, …).
    case wrongType(path: JSONPath, expected: String, found: String)
    /// A field has the right kind but a value that decoding refuses (an unknown enum name, a number
    /// out of range, …); `reason` is the refusal's text.
    case invalidValue(path: JSONPath, reason: String)
    /// The type of a field threw an error of its own (not a `DecodingError`) from `init(from:)`;
    /// `reason` is that error's text.
    case rejected(path: JSONPath, reason: String)

    /// The error as one line that names the offset or field and what is allowed.
    package var description: String {
        switch self {
        case let .malformed(offset, reason):
            "malformed JSON at byte \(offset): \(reason)"
        case let .trailingBytes(offset):
            "trailing bytes after the JSON value, starting at byte \(offset)"
        case let .missingField(path):
            "missing field '\(path)'"
        case let .wrongType(path, expected, found):
            "\(Self.name(path)) has the wrong type: expected \(expected), found \(found)"
        case let .invalidValue(path, reason), let .rejected(path, reason):
            "invalid value for \(Self.name(path)): \(reason)"
        }
    }

    private static func name(_ path: JSONPath) -> String {
        path.components.isEmpty ? "the top-level value" : "field '\(path)'"
    }
}
