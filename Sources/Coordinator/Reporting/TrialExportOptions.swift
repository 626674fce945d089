/// What `mirrorsweep export` writes: the format, which trials, and the conditions they meet.
public struct TrialExportOptions: Sendable {
    public var format: TrialExportFormat
    /// Whether trials of earlier specs (journal rows without a grid index) follow the current spec's.
    public var includeEarlierSpecs: Bool
    /// The conditions a trial must meet: each field's conditions are alternatives, and a trial
    /// must meet one of them for every field named.
    public var conditions: [TrialExportCondition]

    public init(format: TrialExportFormat = .csv, includeEarlierSpecs: Bool = false, conditions: [TrialExportCondition] = []) {
        self.format = format
        self.includeEarlierSpecs = includeEarlierSpecs
        self.conditions = conditions
    }
}
