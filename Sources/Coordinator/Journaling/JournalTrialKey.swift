import Foundation
import GRDB
import SweepSpecs

/// How a trial id is stored in `trials.id`: an id of 64 lowercase hex digits (a SHA-256, as every
/// id ``SweepSpec/expand()`` makes) as its 32 bytes, a BLOB; any other id as it is, TEXT.
package enum JournalTrialKey {
    /// SQL that reads `trials.id` back as the id's text, in either form.
    package static let textSQL = "CASE WHEN typeof(trials.id) = 'blob' THEN lower(hex(trials.id)) ELSE trials.id END"

    /// The value stored in `trials.id` for `id`.
    static func stored(_ id: String) -> DatabaseValue {
        digestBytes(id)?.databaseValue ?? id.databaseValue
    }

    /// The SQL function `mirrorsweep_trial_key(id)`: ``stored(_:)`` for the schema migration.
    static let function = DatabaseFunction("mirrorsweep_trial_key", argumentCount: 1, pure: true) { values in
        guard let id = String.fromDatabaseValue(values[0]) else { return values[0] }
        return stored(id)
    }

    /// The number of bytes of an id stored as a BLOB.
    static let byteCount = 32

    /// Binds ``stored(_:)`` of `id` to argument `index` of `statement`, using `bytes`
    /// (``byteCount`` of them) for the BLOB; the SQLite result code.
    static func bind(_ id: String, to statement: SQLiteStatement, at index: CInt, bytes: inout Data) -> CInt {
        let isDigest = bytes.withUnsafeMutableBytes { digest(of: id, into: $0) }
        return isDigest ? bytes.bind(to: statement, at: index) : id.bind(to: statement, at: index)
    }

    /// The 32 bytes of a 64-digit lowercase hex id, nil for any other text.
    private static func digestBytes(_ id: String) -> Data? {
        var bytes = Data(count: byteCount)
        return bytes.withUnsafeMutableBytes { digest(of: id, into: $0) } ? bytes : nil
    }

    /// Writes the bytes of a 64-digit lowercase hex id to `bytes`; false for any other text.
    private static func digest(of id: String, into bytes: UnsafeMutableRawBufferPointer) -> Bool {
        var id = id
        return id.withUTF8 { digits in
            guard digits.count == 2 * byteCount else { return false }
            for i in 0..<byteCount {
                let high = values[Int(digits[2 * i])], low = values[Int(digits[2 * i + 1])]
                guard high < 16, low < 16 else { return false }
                bytes[i] = high << 4 | low
            }
            return true
        }
    }

    /// The value of each lowercase hex digit by its byte; 255 for every other byte.
    private static let values: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        default: 255
        }
    }
}
