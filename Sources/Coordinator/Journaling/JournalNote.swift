import Foundation

/// Bookkeeping the serving thread hands to the coordinator's journal committer so that it never waits on
/// SQLite itself: written after the next commit, acknowledged to no one.
package enum JournalNote: Hashable, Sendable {
    /// A worker said hello at `date` (``Journal/noteWorker(id:host:pid:at:)``).
    case worker(id: String, host: String?, pid: Int?, at: Date)
    /// A `meta` entry to set; a later note for the same key replaces an earlier one not yet written.
    case meta(key: String, value: String)

    /// Writes the note.
    package func write(to journal: Journal) throws {
        switch self {
        case let .worker(id, host, pid, date): try journal.noteWorker(id: id, host: host, pid: pid, at: date)
        case let .meta(key, value): try journal.setMeta(key, value)
        }
    }
}
