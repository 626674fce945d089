/// The one error type of the Coordinator library; each case carries what caused it.
public enum CoordinatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A spec file could not be read.
    case specUnreadable(path: String, reason: String)
    /// The spec is not valid YAML; the location is Yams' problem mark.
    case specSyntax(at: SourceLocation, reason: String)
    /// A mapping holds a key that is not allowed there.
    case unknownKey(at: SourceLocation, path: String, key: String, allowed: [String])
    /// A value has the wrong YAML type (e.g. a string for `weight_decay`).
    case wrongType(at: SourceLocation, path: String, found: String, expected: String)
    /// A value has the right type but is not allowed.
    case invalidValue(at: SourceLocation, path: String, value: String, allowed: String)
    /// A field is an axis twice (the grid and a zip group, two zip groups, or a duplicated key).
    case duplicateAxis(at: SourceLocation, field: String, firstPath: String)
    /// The axes of a zip group have different lengths.
    case zipLengthMismatch(at: SourceLocation, path: String, lengths: [String: Int])
    /// Two grid points give the same configuration (and hence the same trial ids).
    case duplicateTrial(file: String, first: [AxisValue], second: [AxisValue])
    /// A table option names an axis the records do not have.
    case unknownAxis(option: String, name: String, allowed: [String])
    /// A journal operation failed; `cause` is SQLite's or the file system's message.
    case journal(path: String, operation: String, cause: String)
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
    /// A ZeroMQ operation of the coordinator failed.
    case transport(operation: String, cause: String)
    /// Workers could not be started.
    case launcher(what: String, cause: String)
    /// An entry of an SSH host list is malformed (see ``SSHHost/allowedForms``).
    case hostList(entry: String, reason: String)

    public var description: String {
        switch self {
        case let .specUnreadable(path, reason):
            return "cannot read sweep spec \(path): \(reason)"
        case let .specSyntax(at, reason):
            return "\(at): YAML syntax error: \(reason)"
        case let .unknownKey(at, path, key, allowed):
            return "\(at): \(path): unknown key '\(key)'; allowed: \(allowed.joined(separator: ", "))"
        case let .wrongType(at, path, found, expected):
            return "\(at): \(path): expected \(expected), found \(found)"
        case let .invalidValue(at, path, value, allowed):
            return "\(at): \(path): invalid value '\(value)'; allowed: \(allowed)"
        case let .duplicateAxis(at, field, firstPath):
            return "\(at): '\(field)' is already an axis at \(firstPath); each field may vary in one place only"
        case let .zipLengthMismatch(at, path, lengths):
            let list = lengths.sorted { $0.key < $1.key }.map { "\($0.key) has \($0.value)" }.joined(separator: ", ")
            return "\(at): \(path): the axes of a zip group must have equal lengths (\(list))"
        case let .duplicateTrial(file, first, second):
            return "\(file): grid points \(Self.point(first)) and \(Self.point(second)) give the same configuration; remove one"
        case let .unknownAxis(option, name, allowed):
            return "\(option): unknown axis '\(name)'; allowed: \(allowed.isEmpty ? "(no axes)" : allowed.joined(separator: ", "))"
        case let .journal(path, operation, cause):
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
        case let .transport(operation, cause):
            return "\(operation): \(cause)"
        case let .launcher(what, cause):
            return "cannot \(what): \(cause)"
        case let .hostList(entry, reason):
            return "host list entry '\(entry)': \(reason); allowed: \(SSHHost.allowedForms)"
        }
    }

    private static func point(_ axes: [AxisValue]) -> String {
        axes.isEmpty ? "(base)" : "{" + axes.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}
