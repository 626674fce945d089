/// The one error type of the Coordinator library.
public enum CoordinatorError: Error, Sendable, CustomStringConvertible {
    // MARK: Journal

    /// A journal operation failed; `cause` is SQLite's or the file system's message.
    case journal(path: String, operation: String, cause: String)
    /// The journal was written with a schema newer than this build supports.
    case journalVersion(path: String, found: Int, supported: Int)
    /// A row of the journal holds a value that cannot be read back (e.g. invalid JSON).
    case journalCorruptRow(path: String, trialID: String, column: String, cause: String)

    /// What went wrong and where, for the user.
    public var description: String {
        switch self {
        // MARK: Journal
        case let .journal(path, operation, cause):
            return "journal \(path): cannot \(operation): \(cause)"
        case let .journalVersion(path, found, supported):
            return "journal \(path) has schema version \(found), but this mirrorsweep reads versions up to \(supported); use a newer mirrorsweep"
        case let .journalCorruptRow(path, trialID, column, cause):
            return "journal \(path): trial \(trialID) has an unreadable \(column): \(cause)"
        }
    }
}
