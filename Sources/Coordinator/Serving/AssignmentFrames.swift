import Core
import SweepSpecs
import Wire

/// Builds assignment frames, encoding each configuration once for a run of trials that share it.
///
/// The grid hands out trials in grid order with seeds innermost, so consecutive assignments
/// usually carry the same configuration; remembering the last one avoids encoding it per seed.
struct AssignmentFrames {
    private var lastWork: TrialWork?
    private var lastJSON: [UInt8] = []

    /// The frame assigning `trial` for its `attempt`.
    mutating func frame(for trial: TrialSpec, attempt: Int) -> [UInt8] {
        if lastWork != trial.work {
            lastJSON = MessageCodec.configJSON(trial.work)
            lastWork = trial.work
        }
        return MessageCodec.encodeAssignment(trialID: trial.id, attempt: attempt, seed: trial.seed, configJSON: lastJSON)
    }
}
