/// What a ``WorkerSupervisor`` asks of its launcher.
public enum WorkerSupervisorDirective: Hashable, Sendable {
    /// Start a worker in the slot, then report ``WorkerSupervisorEvent/started(slot:at:)`` or
    /// ``WorkerSupervisorEvent/startFailed(slot:at:reason:)``. `replacing` is true for a
    /// replacement of a worker that ended.
    case start(slot: Int, replacing: Bool)
    /// The slot gets no more workers; `reason` says why, with its last failure.
    case giveUp(slot: Int, reason: String)
}
