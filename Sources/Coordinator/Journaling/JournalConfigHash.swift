import Crypto
import Foundation
import GRDB
import SweepSpecs

/// The `hash` column of the `configs` table (docs/JOURNAL.md): the SHA-256 of a configuration's
/// canonical JSON (``TrialIdentity/canonicalJSON(of:)``), and the SQL function that computes it
/// while migrating a schema 1 journal.
enum JournalConfigHash {
    /// The `hash` of a canonical configuration: its SHA-256.
    static func hash(of config: String) -> Data {
        Data(SHA256.hash(data: Data(config.utf8)))
    }

    /// The SQL function `mirrorsweep_config_hash(config)`: ``hash(of:)`` for the schema migration.
    static let hashFunction = DatabaseFunction("mirrorsweep_config_hash", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(hash(of:))
    }
}
