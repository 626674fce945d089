import ArgumentParser
import Dashboard
import Foundation
import Journaling
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

    @Flag(help: ArgumentHelp(
        "Return the failed trials of the run directory to pending, then run them.",
        discussion: "Their earlier attempts stay in the journal (mirrorsweep logs RUN_DIR ID --all) and attempts number on."))
    var retryFailed = false

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "With --retry-failed, retry only the failed trials whose FIELD (an axis, seed, or a config field) has VALUE; repeatable, all must hold.",
        valueName: "field=value"))
    var whereConditions: [String] = []

    @Flag(help: ArgumentHelp(
        "Keep going when the sweep's first failed attempts all fail alike.",
        discussion: "By default the sweep stops when its first \(SchedulerConfiguration.defaultFailFastAfter) failed attempts, of at least two trials and before any result, carry the same message."))
    var noFailFast = false

    @Option(help: ArgumentHelp(
        "Serve a live web page of the sweep, its JSON (/api/status) and Prometheus metrics (/metrics) on [ADDRESS:]PORT.",
        discussion: "ADDRESS is \(DashboardAddress.defaultHost) (this machine only) unless given; PORT 0 takes any free port. Read-only.",
        valueName: "[address:]port"))
    var dashboard: String?

    /// Where `--dashboard` listens, nil without it.
    func dashboardAddress() throws -> DashboardAddress? {
        do {
            return try dashboard.map { text throws(DashboardError) in try DashboardAddress(parsing: text) }
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The exit status of `run` and `serve` when a trial of the current spec is recorded as failed.
    static let failedTrialsExitCode: Int32 = 3

    /// The exit statuses of `run` and `serve`, for their help.
    static let exitStatusHelp = "Exit status: 0 when every trial of the spec is done; \(failedTrialsExitCode) when any is "
        + "recorded as failed (including a sweep stopped by fail fast); 130 when interrupted (run again to resume); 1 on any other error."

    /// The filter of `--where`, nil without `--retry-failed`.
    func retryFilter() throws -> TrialFilter? {
        guard retryFailed else { return nil }
        let parsed = TrialFilter.parse(whereConditions)
        guard let filter = parsed.filter else {
            throw ValidationError("--where \(parsed.malformed ?? ""): expected FIELD=VALUE, e.g. --where weight_decay=0.05")
        }
        return filter
    }

    func validate() throws {
        guard heartbeatInterval > 0, heartbeatInterval.isFinite else {
            throw ValidationError("--heartbeat-interval must be a number of seconds > 0, got \(heartbeatInterval)")
        }
        guard heartbeatLiveness >= 1 else { throw ValidationError("--heartbeat-liveness must be an integer ≥ 1, got \(heartbeatLiveness)") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be an integer ≥ 1, got \(maxAttempts)") }
        guard maxLostLeases >= 1 else { throw ValidationError("--max-lost-leases must be an integer ≥ 1, got \(maxLostLeases)") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be an integer ≥ 1, got \(maxBatch)") }
        if !whereConditions.isEmpty && !retryFailed {
            throw ValidationError("--where selects failed trials to retry; give it with --retry-failed")
        }
        _ = try retryFilter()
        _ = try dashboardAddress()
    }

    func options(bind: String, runID: String, curve: CurveServerKeys?) -> CoordinatorOptions {
        var scheduler = SchedulerConfiguration()
        scheduler.heartbeatInterval = heartbeatInterval
        scheduler.heartbeatLiveness = heartbeatLiveness
        scheduler.maxAttempts = maxAttempts
        scheduler.maxLostLeases = maxLostLeases
        scheduler.maxTrialsPerBatch = maxBatch
        scheduler.failFastAfter = noFailFast ? nil : SchedulerConfiguration.defaultFailFastAfter
        return CoordinatorOptions(bind: bind, scheduler: scheduler, runID: runID, curve: curve)
    }
}
