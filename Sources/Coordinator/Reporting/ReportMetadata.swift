import Journaling

/// What a report shows about a sweep besides its records.
public struct ReportMetadata: Hashable, Sendable {
    /// The journal's sweep (name, spec text, times); nil before a spec was registered.
    public var sweep: JournalSweep?
    /// The mirrorsweep version recorded in the journal, nil when unknown.
    public var toolVersion: String?
    /// The machine the report was made on.
    public var machine: ReportMachine
    /// The latest log of each failed command trial, by trial id (the journal's `failureLogs()`).
    public var failureLogs: [String: JournalAttemptLog]

    /// Creates the metadata of a report.
    public init(sweep: JournalSweep?, toolVersion: String?, machine: ReportMachine, failureLogs: [String: JournalAttemptLog] = [:]) {
        self.sweep = sweep
        self.toolVersion = toolVersion
        self.machine = machine
        self.failureLogs = failureLogs
    }
}
