/// One attempt of a trial, given to one worker. Attempts are numbered 1, 2, … per trial.
struct Lease: Hashable, Sendable {
    var attempt: Int
    var worker: WorkerID
}
