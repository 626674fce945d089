/// The one error type of the Journaling library: a journal or run directory that cannot be used,
/// with the path, the operation and its cause (SQLite's result code where SQLite failed).
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A journal operation failed; `cause` is SQLite's or the file system's message, and
    /// `sqliteCode` SQLite's extended result code when SQLite failed.
    case journal(path: String, operation: String, cause: String, sqliteCode: Int32? = nil)
    /// The journal was written with a schema newer than this build supports; `writtenBy` is the
    /// mirrorsweep version the journal records, when it records one.
    case journalVersion(path: String, found: Int, supported: Int, writtenBy: String?)
    /// The journal file is damaged or is not a MirrorSweep journal; it is left as it is.
    case journalDamaged(path: String, cause: String)
    /// A journal write failed because the disk is full; the journal keeps every earlier commit.
    case journalDiskFull(path: String, operation: String)
    /// The run directory cannot be created or written to.
    case runDirectory(path: String, cause: String)
    /// A row of the journal holds a value that cannot be read back (e.g. invalid JSON).
    case journalCorruptRow(path: String, trialID: String, column: String, cause: String)
    /// Another live coordinator serves the run directory; `holder` is its pid, host, start time
    /// and command, as its ``RunDirectoryLock`` records them.
    case runDirectoryInUse(path: String, holder: String)
    /// The run directory's journal belongs to another sweep.
    case journalOfOtherSweep(path: String, found: String, expected: String)
    /// No trial, or more than one, has an id starting with `prefix`; `matches` lists those that do
    /// (empty when none, at most ``Journal/maxPrefixMatches``).
    case unknownTrial(path: String, prefix: String, matches: [String])
    /// A ``TrialFilter`` names a field the sweep's trials do not have; `allowed` lists those they have.
    case unknownFilterField(field: String, allowed: [String])

    /// The error as one line that names what failed, where, and what is allowed.
    public var description: String {
        switch self {
        case let .journal(path, operation, cause, _):
            return "journal \(path): cannot \(operation): \(cause)"
        case let .journalVersion(path, found, supported, writtenBy):
            let writer = writtenBy.map { " (written by mirrorsweep \($0))" } ?? ""
            let advice = writtenBy.map { "use mirrorsweep \($0) or newer" } ?? "use a newer mirrorsweep"
            return "journal \(path) has schema version \(found)\(writer), but this mirrorsweep reads schema versions up to \(supported); \(advice)"
        case let .journalDamaged(path, cause):
            return "journal \(path) is damaged or not a MirrorSweep journal (\(cause)); it was left as it is: restore it from a backup, or move it away to start over"
        case let .journalDiskFull(path, operation):
            return "journal \(path): cannot \(operation): the disk is full; every result committed before is kept: free space, then run the same command again to resume"
        case let .runDirectory(path, cause):
            return "run directory \(path) is not usable: \(cause); choose another run directory"
        case let .runDirectoryInUse(path, holder):
            return "run directory \(path) is already served by a coordinator (\(holder)); a second one would train its "
                + "pending trials again: stop that one first (Ctrl-C in its terminal, or kill its pid on its host), then run "
                + "this command again to resume, or choose another --run-dir. status, table, report and plot work meanwhile"
        case let .journalCorruptRow(path, trialID, column, cause):
            return "journal \(path): trial \(trialID) has an unreadable \(column): \(cause)"
        case let .journalOfOtherSweep(path, found, expected):
            return "journal \(path) records sweep '\(found)', not '\(expected)'; choose another --run-dir"
        case let .unknownTrial(path, prefix, matches) where matches.isEmpty:
            return "journal \(path) holds no trial whose id starts with '\(prefix)'; `mirrorsweep table` and the report list the trials"
        case let .unknownTrial(path, prefix, matches):
            let more = matches.count >= Journal.maxPrefixMatches ? ", …" : ""
            return "journal \(path): trial id prefix '\(prefix)' is ambiguous; it matches \(matches.joined(separator: ", "))\(more); give more digits"
        case let .unknownFilterField(field, allowed):
            return "--where \(field)=…: the trials have no field '\(field)'; the fields are \(allowed.joined(separator: ", "))"
        }
    }
}
