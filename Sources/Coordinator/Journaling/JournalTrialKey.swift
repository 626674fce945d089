import Foundation
import GRDB
import SweepSpecs

/// How a trial id is stored in `trials.id`: an id of 64 lowercase hex digits (a SHA-256, as every
/// id ``SweepSpec/expand()`` makes) as its 32 bytes, a BLOB; any other id as it is, TEXT.
enum JournalTrialKey {
    /// SQL that reads `trials.id` back as the id's text, in either form.
    static let textSQL = "CASE WHEN typeof(trials.id) = 'blob' THEN lower(hex(trials.id)) ELSE trials.id END"

    /// The value stored in `trials.id` for `id`.
    static func stored(_ id: String) -> DatabaseValue {
        digestBytes(id)?.databaseValue ?? id.databaseValue
    }

    /// The SQL function `mirrorsweep_trial_key(id)`: ``stored(_:)`` for the schema migration.
    static let function = DatabaseFunction("mirrorsweep_trial_key", argumentCount: 1, pure: true) { values in
        guard let id = String.fromDatabaseValue(values[0]) else { return values[0] }
        return stored(id)
    }

    /// The 32 bytes of a 64-digit lowercase hex id, nil for any other text.
    private static func digestBytes(_ id: String) -> Data? {
        var id = id
        return id.withUTF8 { digits -> Data? in
            guard digits.count == 64 else { return nil }
            var bytes = [UInt8](repeating: 0, count: 32)
            for i in 0..<32 {
                guard let high = value(digits[2 * i]), let low = value(digits[2 * i + 1]) else { return nil }
                bytes[i] = high << 4 | low
            }
            return Data(bytes)
        }
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
