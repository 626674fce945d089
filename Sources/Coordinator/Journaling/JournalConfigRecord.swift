import Crypto
import Foundation
import GRDB
import SweepSpecs

/// A row of the `configs` table: one distinct trial configuration, stored once for all its seeds.
struct JournalConfigRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "configs"

    /// The integer key that `trials.config_id` refers to; nil until inserted.
    var id: Int64?
    /// SHA-256 of ``config``: the canonical configuration, without the seed.
    var hash: Data
    /// Canonical JSON of the configuration (``TrialIdentity/canonicalJSON(of:)``).
    var config: String
    /// JSON of the axis values of its grid point, in the last registered spec that has it.
    var axes: String

    /// A configuration not yet inserted.
    init(config: String, axes: String) {
        self.id = nil
        self.hash = Self.hash(of: config)
        self.config = config
        self.axes = axes
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The `hash` of a canonical configuration.
    static func hash(of config: String) -> Data {
        Data(SHA256.hash(data: Data(config.utf8)))
    }

    /// The SQL function `mirrorsweep_config_hash(config)`: ``hash(of:)`` for the schema migration.
    static let hashFunction = DatabaseFunction("mirrorsweep_config_hash", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(hash(of:))
    }
}
