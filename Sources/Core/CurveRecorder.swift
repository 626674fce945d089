/// The curve points of a trial in training: recorded at fixed positions (steps, or epochs for
/// ``MLPTrainer``) and passed on to a progress observer. Every ``TrialTrainer`` holds one.
struct CurveRecorder {
    /// The positions at which a point is due, ascending (see ``curveSteps(points:steps:)``).
    let positions: [Int]
    /// The steps the trial runs in all, reported as ``TrialProgress/totalSteps``.
    let totalSteps: Int
    /// The points recorded so far.
    private(set) var points: [CurvePoint] = []
    /// The index in `positions` of the next point due.
    private var next = 0

    init(positions: [Int], totalSteps: Int) {
        self.positions = positions
        self.totalSteps = totalSteps
    }

    /// The recorder of `config`'s `curve_points` points over `positions` positions (`config.steps`
    /// by default; epochs for ``MLPTrainer``), reporting `config.steps` in all.
    init(_ config: TrialConfig, positions: Int? = nil) {
        self.init(
            positions: curveSteps(points: config.curvePoints, steps: positions ?? config.steps), totalSteps: config.steps)
    }

    /// The position of the next point due; nil once every point is recorded.
    var nextPosition: Int? { next < positions.count ? positions[next] : nil }

    /// Whether the next point is due at `position`.
    func isDue(at position: Int) -> Bool { next < positions.count && positions[next] == position }

    /// Records the due point as step `step` with `metrics` and reports it to `progress`.
    mutating func record(step: Int, metrics: [String: Double], progress: ((TrialProgress) -> Void)?) {
        points.append(CurvePoint(step: step, metrics: metrics))
        next += 1
        progress?(TrialProgress(step: step, totalSteps: totalSteps, metrics: metrics))
    }

    /// As ``record(step:metrics:progress:)`` when `metrics["train_loss"]` is finite; otherwise
    /// records nothing and returns false (the trainer has diverged at `step`).
    mutating func recordIfFinite(step: Int, metrics: [String: Double], progress: ((TrialProgress) -> Void)?) -> Bool {
        guard metrics["train_loss"]?.isFinite ?? false else { return false }
        record(step: step, metrics: metrics, progress: progress)
        return true
    }
}
