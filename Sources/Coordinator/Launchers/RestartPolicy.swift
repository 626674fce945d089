/// When a ``WorkerSupervisor`` replaces a worker that ended, and when it gives up.
public struct RestartPolicy: Hashable, Sendable {
    /// Seconds before replacing a worker that ran longer than ``quickExit``.
    public var initialBackoff: Double
    /// The longest wait before a replacement.
    public var maxBackoff: Double
    /// A worker that ends within this many seconds of its start failed quickly.
    public var quickExit: Double
    /// Quick failures in a row after which a slot is given up.
    public var quickFailureLimit: Int
    /// Replacements allowed over the whole sweep, all slots together; nil for no limit.
    public var restartBudget: Int?

    /// The defaults: 1 s doubling to 30 s, give up after 5 workers in a row that ended within 10 s.
    public init(
        initialBackoff: Double = 1, maxBackoff: Double = 30, quickExit: Double = 10, quickFailureLimit: Int = 5,
        restartBudget: Int? = nil
    ) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.quickExit = quickExit
        self.quickFailureLimit = quickFailureLimit
        self.restartBudget = restartBudget
    }

    /// Seconds to wait before the next start after `quickFailures` quick failures in a row:
    /// ``initialBackoff`` for none or one, doubling with each further one, at most ``maxBackoff``.
    public func backoff(afterQuickFailures quickFailures: Int) -> Double {
        let doublings = min(max(0, quickFailures - 1), 30)
        return min(maxBackoff, initialBackoff * Double(1 << doublings))
    }
}
