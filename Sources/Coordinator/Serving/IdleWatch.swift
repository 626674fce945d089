import Journaling

/// Notices a sweep that has trials pending while no worker is connected: a pure value that the
/// coordinator feeds its progress snapshots and the time (monotonic seconds).
public struct IdleWatch: Hashable, Sendable {
    /// What the watch has to say about one snapshot.
    public enum Notice: Hashable, Sendable {
        /// No worker for `seconds`, longer than the watch's limit; `first` is true for the first
        /// notice of this idle spell, and again every ``IdleWatch/repeatInterval`` seconds.
        case idle(seconds: Double, first: Bool)
    }

    /// Seconds with trials pending and no worker before the watch speaks (the liveness time).
    public let after: Double
    /// Seconds between repeated notices of one idle spell.
    public let repeatInterval: Double
    private var idleSince: Double?
    private var lastNotice: Double?

    public init(after: Double, repeatInterval: Double = 300) {
        self.after = after
        self.repeatInterval = repeatInterval
    }

    /// Takes a snapshot; returns a notice while trials are pending and no worker has been
    /// connected for longer than ``after``.
    public mutating func observe(_ progress: SweepProgress, now: Double) -> Notice? {
        guard progress.serving, progress.workers == 0, progress.pending > 0 else {
            idleSince = nil
            lastNotice = nil
            return nil
        }
        let since = idleSince ?? now
        idleSince = since
        guard now - since > after else { return nil }
        let first = lastNotice.map { now - $0 >= repeatInterval } ?? true
        if first { lastNotice = now }
        return .idle(seconds: now - since, first: first)
    }
}
