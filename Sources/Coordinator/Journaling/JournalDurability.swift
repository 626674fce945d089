/// The durability settings a journal's writing connection actually runs with.
public struct JournalDurability: Hashable, Sendable {
    /// `PRAGMA journal_mode`, `wal` for a journal.
    public var journalMode: String
    /// `PRAGMA synchronous`: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA; a journal uses 2.
    public var synchronous: Int
}
