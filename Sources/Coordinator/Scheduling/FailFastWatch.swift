/// The state of the fail-fast rule (``SchedulerConfiguration/failFastAfter``): the failed
/// attempts that arrived before any result, while they all carry one message.
struct FailFastWatch: Sendable {
    /// Whether a result arrived or two failures differed: the rule no longer applies.
    var isOver = false
    /// The message every failed attempt so far carries.
    var message: String?
    /// Failed attempts counted.
    var attempts = 0
    /// The trials those attempts belong to.
    var trials: Set<TrialHandle> = []

    /// Counts a failed attempt of `trial`; returns whether the sweep must stop: `threshold`
    /// attempts of at least two trials, all with the same message.
    mutating func failed(_ trial: TrialHandle, message: String, threshold: Int?) -> Bool {
        guard let threshold, !isOver else { return false }
        if let first = self.message, first != message {
            isOver = true
            return false
        }
        self.message = message
        attempts += 1
        trials.insert(trial)
        if attempts >= threshold && trials.count >= 2 {
            isOver = true
            return true
        }
        return false
    }

    /// A result arrived: failures from now on do not stop the sweep.
    mutating func succeeded() {
        isOver = true
    }
}
