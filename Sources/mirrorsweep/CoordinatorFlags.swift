import ArgumentParser
import Foundation
import Scheduling
import Serving
import ZeroMQ

/// Options shared by `run` and `serve`.
struct CoordinatorFlags: ParsableArguments {
    @Option(help: "Run directory holding the journal (default: runs/<spec name>).")
    var runDir: String?

    @Option(help: "Seconds between heartbeats, both ways.")
    var heartbeatInterval: Double = 1

    @Option(help: "Missed heartbeats after which a peer is declared dead.")
    var heartbeatLiveness: Int = 5

    @Option(help: "Failed attempts after which a trial is recorded as failed.")
    var maxAttempts: Int = 3

    @Option(help: ArgumentHelp(
        "Workers lost while holding a trial (killed, preempted, silent) after which it is recorded as failed.",
        discussion: "Raise it on clusters that preempt often; it stops a trial that kills every worker from looping."))
    var maxLostLeases: Int = SchedulerConfiguration().maxLostLeases

    @Option(help: "The most trials that share their data handed to one worker together (1: no batches).")
    var maxBatch: Int = CoordinatorFlags.defaultMaxBatch

    /// The batch limit of coordinators and workers unless told otherwise.
    static let defaultMaxBatch = 16

    @Flag(help: "Do not print the table at the end.")
    var noTable = false

    func validate() throws {
        guard heartbeatInterval > 0, heartbeatInterval.isFinite else {
            throw ValidationError("--heartbeat-interval must be a number of seconds > 0, got \(heartbeatInterval)")
        }
        guard heartbeatLiveness >= 1 else { throw ValidationError("--heartbeat-liveness must be an integer ≥ 1, got \(heartbeatLiveness)") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be an integer ≥ 1, got \(maxAttempts)") }
        guard maxLostLeases >= 1 else { throw ValidationError("--max-lost-leases must be an integer ≥ 1, got \(maxLostLeases)") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be an integer ≥ 1, got \(maxBatch)") }
    }

    func options(bind: String, runID: String, curve: CurveServerKeys?) -> CoordinatorOptions {
        var scheduler = SchedulerConfiguration()
        scheduler.heartbeatInterval = heartbeatInterval
        scheduler.heartbeatLiveness = heartbeatLiveness
        scheduler.maxAttempts = maxAttempts
        scheduler.maxLostLeases = maxLostLeases
        scheduler.maxTrialsPerBatch = maxBatch
        return CoordinatorOptions(bind: bind, scheduler: scheduler, runID: runID, curve: curve)
    }
}
