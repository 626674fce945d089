extension TrialSpec {
    /// The trial's ``id`` as a ``TrialID``.
    public var trialID: TrialID { TrialID(id) }
}
