import GRDB

/// Where a journal keeps each trial's configuration and axes, as the read path needs to know.
package enum JournalLayout: Sendable {
    /// In `configs`, once per configuration, referred to by `trials.config_id` (schema 2).
    case sharedConfigs
    /// In each `trials` row (schema 1), as read by ``Journal/openForReading(runDirectory:logger:)``
    /// without migrating.
    case inlineConfigs

    /// The layout of schema `version`.
    init(schemaVersion version: Int) {
        self = version >= 2 ? .sharedConfigs : .inlineConfigs
    }

    /// The `FROM` clause giving every trial with its configuration's columns.
    package var trialsSQL: String {
        switch self {
        case .sharedConfigs: "trials JOIN configs ON configs.id = trials.config_id"
        case .inlineConfigs: "trials"
        }
    }

    /// The `config` and `axes` columns of ``trialsSQL``.
    package var configColumnsSQL: String {
        switch self {
        case .sharedConfigs: "configs.config AS config, configs.axes AS axes"
        case .inlineConfigs: "trials.config AS config, trials.axes AS axes"
        }
    }

    /// The value of a ``configKeySQL`` column: an integer in `configs`' layout, read without
    /// GRDB's generic conversion, since the table reads one per trial.
    package func configKey(_ row: Row, atIndex index: Int) throws -> DatabaseValue {
        switch self {
        case .sharedConfigs: try row.decode(Int64.self, atIndex: index).databaseValue
        case .inlineConfigs: row[index]
        }
    }

    /// The query of every configuration's key (``configKeySQL``) and `axes`.
    package var configAxesSQL: String {
        switch self {
        case .sharedConfigs: "SELECT id, axes FROM configs"
        case .inlineConfigs: "SELECT DISTINCT axes, axes FROM trials WHERE grid_index IS NOT NULL"
        }
    }

    /// A column of `trials` equal for trials of one configuration: `config_id`, or in schema 1
    /// the axes text, which is as distinct within a spec.
    package var configKeySQL: String {
        switch self {
        case .sharedConfigs: "trials.config_id"
        case .inlineConfigs: "trials.axes"
        }
    }
}
