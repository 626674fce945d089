import Synchronization

/// A flag another thread (or a signal handler's queue) raises to ask a loop to stop.
public final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks the loop to stop; safe from any thread.
    public func raise() { raised.store(true, ordering: .releasing) }

    /// Whether a stop was asked for.
    public var isRaised: Bool { raised.load(ordering: .acquiring) }
}
