import Journaling

extension ResultTable {
    /// Aggregates every trial recorded in `journal`, also those only earlier versions of its spec
    /// have, with each field that differs between them as an axis (``EveryTrialAxes``).
    public init(everyTrialOf journal: Journal, options: TableOptions) throws {
        self = try ResultTable(records: EveryTrialAxes.relabel(try journal.records(includingEarlierSpecs: true)), options: options)
    }
}
