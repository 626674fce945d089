import Crypto
import Foundation
import GRDB
import SweepSpecs

/// A row of the `configs` table: one distinct trial configuration, stored once for all its seeds,
/// as `id` (the key `trials.config_id` refers to), `hash`, `config` (canonical JSON,
/// ``TrialIdentity/canonicalJSON(of:)``) and `axes` (JSON of its grid point's axis values).
enum JournalConfigRecord {
    /// The `hash` of a canonical configuration: its SHA-256.
    static func hash(of config: String) -> Data {
        Data(SHA256.hash(data: Data(config.utf8)))
    }

    /// The SQL function `mirrorsweep_config_hash(config)`: ``hash(of:)`` for the schema migration.
    static let hashFunction = DatabaseFunction("mirrorsweep_config_hash", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(hash(of:))
    }
}
