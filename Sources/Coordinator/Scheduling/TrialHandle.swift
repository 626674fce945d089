import SweepSpecs

/// A trial's position in the ``Scheduler``'s table of trials, given once at its creation; events
/// name trials by ``TrialID``, which the scheduler looks up once.
struct TrialHandle: Hashable, Sendable {
    /// The index in `Scheduler.trials`.
    var index: Int
}
