import GRDB

/// The configurations of the current spec as the table meets them: each config key
/// (``JournalLayout/configKeySQL``) in the grid order of its first trial, and the number of
/// distinct seeds. Read in one pass over `trials` in file order.
package struct JournalTableConfigs {
    /// The config keys, in the grid order of their first trials.
    package private(set) var keys: [DatabaseValue] = []
    /// The grid index of each key's first trial.
    package private(set) var firstIndexes: [Int] = []
    /// The rowid of each key's first trial, to name it in errors.
    package private(set) var firstRowIDs: [Int64] = []
    /// How many distinct seeds the current spec's trials have.
    package private(set) var seedCount = 0
    private var integerPositions: [Int64: Int] = [:]
    private var otherPositions: [DatabaseValue: Int] = [:]

    package init(_ db: Database, layout: JournalLayout) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(layout.configKeySQL), trials.grid_index, trials.rowid, typeof(trials.seed) = 'integer', trials.seed
            FROM trials WHERE trials.grid_index IS NOT NULL
            """)
        var seeds: Set<Int64> = []
        var otherSeeds: Set<DatabaseValue> = []
        while let row = try rows.next() {
            let key = try layout.configKey(row, atIndex: 0)
            let index = try row.decode(Int.self, atIndex: 1)
            if try row.decode(Bool.self, atIndex: 3) {
                seeds.insert(try row.decode(Int64.self, atIndex: 4))
            } else {
                otherSeeds.insert(row[4])
            }
            if let position = position(of: key) {
                if index < firstIndexes[position] {
                    firstIndexes[position] = index
                    firstRowIDs[position] = try row.decode(Int64.self, atIndex: 2)
                }
            } else {
                insert(key, position: keys.count)
                keys.append(key)
                firstIndexes.append(index)
                firstRowIDs.append(try row.decode(Int64.self, atIndex: 2))
            }
        }
        seedCount = seeds.count + otherSeeds.count
        let order = keys.indices.sorted { firstIndexes[$0] < firstIndexes[$1] }
        keys = order.map { keys[$0] }
        firstIndexes = order.map { firstIndexes[$0] }
        firstRowIDs = order.map { firstRowIDs[$0] }
        for (position, key) in keys.enumerated() { insert(key, position: position) }
    }

    /// The position of `key` in ``keys``.
    package func position(of key: DatabaseValue) -> Int? {
        if case let .int64(value) = key.storage { return integerPositions[value] }
        return otherPositions[key]
    }

    private mutating func insert(_ key: DatabaseValue, position: Int) {
        if case let .int64(value) = key.storage {
            integerPositions[value] = position
        } else {
            otherPositions[key] = position
        }
    }
}
