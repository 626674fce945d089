/// Seconds elapsed since creation on a monotonic clock: a trial's `wall_seconds`.
struct WallClock {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    /// Seconds since creation.
    var seconds: Double {
        let elapsed = (clock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
