

/// Keeps a launcher's worker slots filled while a sweep has trials left: a pure state machine,
/// events in, directives out, like the ``Scheduler``.
///
/// It reads no clock and starts nothing; its launcher passes the time with every event and
/// carries out the directives. Rules:
/// - Every slot is started on the first tick with trials remaining.
/// - A worker that ends while trials remain (as of the last tick) is replaced after
///   ``RestartPolicy/backoff(afterQuickFailures:)`` seconds; one that ends when none remain is
///   not, until trials remain again.
/// - A worker that ends by itself within ``RestartPolicy/quickExit`` seconds of its start, or
///   whose start fails, is a quick failure (one killed from outside is not); ``RestartPolicy/quickFailureLimit`` of them in a row give the
///   slot up. A worker that ran longer resets the count.
/// - Replacements count against ``RestartPolicy/restartBudget``: once it is spent, a slot whose
///   worker ends is given up.
public struct WorkerSupervisor: Sendable {
    /// How one slot stands.
    public enum SlotState: Hashable, Sendable {
        /// A start was asked for and not yet reported.
        case starting
        /// A worker runs (or is queued) since the given time.
        case running(since: Double)
        /// The slot waits until the given time for its next start.
        case waiting(until: Double)
        /// The worker ended when no trials remained; the slot starts again if trials reappear.
        case idle
        /// No more workers for this slot.
        case givenUp(reason: String)
    }

    /// The restart rules.
    public let policy: RestartPolicy
    /// Each slot's state, by slot index.
    public private(set) var slots: [SlotState]
    /// Replacements asked for so far.
    public private(set) var restarts = 0
    private var quickFailures: [Int]
    private var started: [Bool]
    private var lastFailure: [String?]
    private var trialsRemain = true

    /// A supervisor of `count` slots, none started yet.
    public init(slots count: Int, policy: RestartPolicy = .init()) {
        self.policy = policy
        slots = Array(repeating: .waiting(until: -.infinity), count: count)
        quickFailures = Array(repeating: 0, count: count)
        started = Array(repeating: false, count: count)
        lastFailure = Array(repeating: nil, count: count)
    }

    /// Slots with a worker running or being started.
    public var liveCount: Int {
        slots.count { if case .running = $0 { true } else { $0 == .starting } }
    }

    /// The reasons of the slots given up, by slot.
    public var givenUp: [(slot: Int, reason: String)] {
        slots.enumerated().compactMap { if case let .givenUp(reason) = $1 { ($0, reason) } else { nil } }
    }

    /// True when every slot is given up.
    public var isExhausted: Bool { !slots.isEmpty && givenUp.count == slots.count }

    /// Takes one event and returns what the launcher must do.
    public mutating func handle(_ event: WorkerSupervisorEvent) -> [WorkerSupervisorDirective] {
        switch event {
        case let .started(slot, at):
            guard slots.indices.contains(slot), slots[slot] == .starting else { return [] }
            slots[slot] = .running(since: at)
            return []
        case let .startFailed(slot, at, reason):
            guard slots.indices.contains(slot), slots[slot] == .starting else { return [] }
            return failed(slot, at: at, quick: true, reason: "could not start: \(reason)")
        case let .ended(slot, at, reason), let .killed(slot, at, reason):
            guard slots.indices.contains(slot), case let .running(since) = slots[slot] else { return [] }
            guard trialsRemain else {
                slots[slot] = .idle
                return []
            }
            let killed = if case .killed = event { true } else { false }
            return failed(slot, at: at, quick: !killed && at - since < policy.quickExit, reason: reason)
        case let .tick(at, trialsRemain):
            return tick(at: at, trialsRemain: trialsRemain)
        }
    }

    private mutating func failed(_ slot: Int, at: Double, quick: Bool, reason: String) -> [WorkerSupervisorDirective] {
        quickFailures[slot] = quick ? quickFailures[slot] + 1 : 0
        lastFailure[slot] = reason
        if quickFailures[slot] >= policy.quickFailureLimit {
            return giveUp(slot, "\(quickFailures[slot]) workers in a row ended within \(Self.seconds(policy.quickExit)) of starting; the last: \(reason)")
        }
        slots[slot] = .waiting(until: at + policy.backoff(afterQuickFailures: quickFailures[slot]))
        return []
    }

    private mutating func tick(at now: Double, trialsRemain: Bool) -> [WorkerSupervisorDirective] {
        self.trialsRemain = trialsRemain
        var directives: [WorkerSupervisorDirective] = []
        for slot in slots.indices {
            switch slots[slot] {
            case let .waiting(until) where trialsRemain && until <= now:
                directives += start(slot)
            case .idle where trialsRemain:
                directives += start(slot)
            case .waiting where !trialsRemain:
                slots[slot] = .idle
            default:
                break
            }
        }
        return directives
    }

    private mutating func start(_ slot: Int) -> [WorkerSupervisorDirective] {
        let replacing = started[slot]
        if replacing {
            if let budget = policy.restartBudget, restarts >= budget {
                let last = lastFailure[slot].map { "; the last worker: \($0)" } ?? ""
                return giveUp(slot, "the budget of \(budget) replacements is spent\(last)")
            }
            restarts += 1
        }
        started[slot] = true
        slots[slot] = .starting
        return [.start(slot: slot, replacing: replacing)]
    }

    private mutating func giveUp(_ slot: Int, _ reason: String) -> [WorkerSupervisorDirective] {
        slots[slot] = .givenUp(reason: reason)
        return [.giveUp(slot: slot, reason: reason)]
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
