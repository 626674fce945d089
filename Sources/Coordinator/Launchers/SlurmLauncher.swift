import Core
import Foundation
import Logging

/// Starts `mirrorsweep work` processes as a Slurm job array, keeps that many workers queued or
/// running while trials remain, and cancels them when the sweep ends.
///
/// Each worker is a slot of a ``WorkerSupervisor``. An array task that ends while trials remain
/// (preempted, at its time limit, with its node, cancelled) is replaced by a new submission of the
/// same script for its slot, `sbatch --array=SLOT`, after the supervisor's back-off and within its
/// ``RestartPolicy/restartBudget``. Every job id is recorded in the run directory
/// (``SlurmJobRecord``): a resumed sweep that binds the same endpoint keeps the tasks still
/// pending or running and submits only the workers missing. The executable and the run directory
/// must be on a file system that the compute nodes share.
public final class SlurmLauncher: WorkerLauncher {
    private let executable: String
    private let runDirectory: String
    private let settings: SlurmJobSettings
    private let logger: Logger
    private var supervisor: WorkerSupervisor
    private var slots: SlurmWorkerSlots
    private var jobs: [String] = []
    private var endpoint = ""
    private var lastPoll = -Double.infinity
    private var states = SlurmTaskStates(states: [])
    private var pollFailure: String?

    /// Seconds between the `squeue` calls of ``supervise(now:trialsRemain:)``.
    public static let statusInterval = 5.0

    /// - Parameters:
    ///   - executable: the `mirrorsweep` binary as the compute nodes see it.
    ///   - runDirectory: the sweep's run directory; the script, the job record and `logs/` go here.
    ///   - settings: the workers and their resources.
    ///   - policy: when ended workers are resubmitted, and when to give up.
    public init(
        executable: String, runDirectory: String, settings: SlurmJobSettings, policy: RestartPolicy = .init(),
        logger: Logger
    ) {
        self.executable = Self.absolute(executable)
        self.runDirectory = Self.absolute(runDirectory)
        self.settings = settings
        self.logger = logger
        supervisor = WorkerSupervisor(slots: settings.workers, policy: policy)
        slots = SlurmWorkerSlots(count: settings.workers)
    }

    /// The sbatch script's path in the run directory.
    public var scriptPath: String { (runDirectory as NSString).appendingPathComponent("slurm-workers.sbatch") }

    /// The sbatch script that ``start(endpoint:workerArguments:)`` submits, one array task per worker.
    public func script(endpoint: String, workerArguments: [String]) -> String {
        SlurmScript.render(
            settings: settings, executable: executable, endpoint: endpoint,
            logDirectory: (runDirectory as NSString).appendingPathComponent("logs"), workerArguments: workerArguments)
    }

    /// Keeps the recorded jobs' live tasks when they were given `endpoint`, cancels them
    /// otherwise, and submits one job array for the workers missing. Throws when that
    /// submission fails (e.g. with sbatch's message).
    public func start(endpoint: String, workerArguments: [String]) throws(LauncherError) {
        self.endpoint = endpoint
        var reused: [Int] = []
        if let record = try SlurmJobRecord.load(runDirectory: runDirectory) {
            if record.endpoint == endpoint {
                let live = try Self.listing(record.jobs).filter(\.isActive)
                reused = slots.adopt(live.map(\.id))
                jobs = record.jobs.filter { job in live.contains { $0.id.job == job } }
                for job in jobs {
                    let states = SlurmTaskStates(states: live.filter { $0.id.job == job }.map(\.state))
                    logger.info("reusing slurm job \(job): \(states.summary)")
                }
            } else if !record.jobs.isEmpty {
                logger.info("cancelling slurm jobs \(record.jobs.joined(separator: ", ")) of endpoint \(record.endpoint)")
                try cancel(record.jobs)
            }
        }
        try createLogDirectory()
        do {
            try script(endpoint: endpoint, workerArguments: workerArguments).write(toFile: scriptPath, atomically: true, encoding: .utf8)
        } catch {
            throw .launcher(what: "write \(scriptPath)", cause: "\(error)")
        }
        let now = MonotonicClock.seconds()
        var missing: [Int] = []
        for case let .start(slot, _) in supervisor.handle(.tick(at: now, trialsRemain: true)) {
            if reused.contains(slot) {
                _ = supervisor.handle(.started(slot: slot, at: now))
            } else {
                missing.append(slot)
            }
        }
        if !missing.isEmpty {
            let job = try submit(missing)
            logger.info("submitted slurm job \(job): \(missing.count) workers, logs in \(runDirectory)/logs")
            for slot in missing { _ = supervisor.handle(.started(slot: slot, at: now)) }
        }
        try SlurmJobRecord(endpoint: endpoint, jobs: jobs).save(runDirectory: runDirectory)
    }

    /// Polls `squeue` every ``statusInterval`` seconds, resubmits the workers whose tasks ended
    /// while trials remain, and reports the tasks' states (e.g. `slurm: 2 running, 0 pending,
    /// 1 resubmitted`). Once every slot is given up (the budget is spent, or submissions keep
    /// failing), the report's `gaveUp` says why; that is not fatal.
    public func supervise(now: Double, trialsRemain: Bool) -> LauncherReport {
        if now - lastPoll >= Self.statusInterval {
            lastPoll = now
            poll(now: now, trialsRemain: trialsRemain)
        }
        execute(supervisor.handle(.tick(at: now, trialsRemain: trialsRemain)), now: now)
        let gaveUp = supervisor.isExhausted ? Self.gaveUpReason(supervisor.givenUp) : nil
        return LauncherReport(status: statusLine(), gaveUp: gaveUp)
    }

    /// Reads the slots' tasks from `squeue` and tells the supervisor of those that ended.
    private func poll(now: Double, trialsRemain: Bool) {
        let listing: [SlurmTask]
        do {
            listing = try Self.listing(jobs)
            pollFailure = nil
        } catch {
            pollFailure = "squeue failed"
            logger.warning("\(error)")
            return
        }
        for ending in slots.takeEndings(listing: listing) {
            var how = ending.how
            if how == SlurmWorkerSlots.forgotten, let accounted = Self.accounted(ending.task) { how = accounted }
            if trialsRemain {
                logger.warning("slurm task \(ending.task) (worker \(ending.slot)) ended while trials remain: \(how)")
            } else {
                logger.debug("slurm task \(ending.task) (worker \(ending.slot)) ended: \(how)")
            }
            let reason = "slurm task \(ending.task) \(how)"
            let event: WorkerSupervisorEvent = SlurmTask.endedFromOutside(how)
                ? .killed(slot: ending.slot, at: now, reason: reason) : .ended(slot: ending.slot, at: now, reason: reason)
            execute(supervisor.handle(event), now: now)
        }
        states = slots.activeStates(listing: listing)
    }

    /// Carries out the supervisor's directives: one submission for every slot to start, a log
    /// line for every slot given up.
    private func execute(_ directives: [WorkerSupervisorDirective], now: Double) {
        var starting: [Int] = []
        for directive in directives {
            switch directive {
            case let .start(slot, _):
                starting.append(slot)
            case let .giveUp(slot, reason):
                logger.error("no more slurm workers for worker \(slot): \(reason)")
            }
        }
        guard !starting.isEmpty else { return }
        do {
            let job = try submit(starting)
            logger.notice("resubmitted workers \(SlurmScript.arrayIndices(starting)) as slurm job \(job)")
            for slot in starting { execute(supervisor.handle(.started(slot: slot, at: now)), now: now) }
        } catch {
            logger.warning("could not resubmit workers \(SlurmScript.arrayIndices(starting)): \(error)")
            for slot in starting {
                execute(supervisor.handle(.startFailed(slot: slot, at: now, reason: error.description)), now: now)
            }
        }
    }

    /// Submits the script for the array tasks `indices` (one per slot), records the job and
    /// returns its id.
    private func submit(_ indices: [Int]) throws(LauncherError) -> String {
        let output = try SlurmCommand.run("sbatch", ["--parsable", "--array=\(SlurmScript.arrayIndices(indices))", scriptPath])
        guard let id = Self.jobID(parsable: output) else {
            throw .launcher(what: "submit \(scriptPath)", cause: "sbatch printed no job id: '\(output)'")
        }
        jobs.append(id)
        for slot in indices { slots.assign(slot: slot, job: id) }
        do {
            try SlurmJobRecord(endpoint: endpoint, jobs: jobs).save(runDirectory: runDirectory)
        } catch {
            logger.error("\(error)")
        }
        return id
    }

    /// E.g. `slurm: 2 running, 0 pending, 1 resubmitted`, from the latest `squeue` poll.
    private func statusLine() -> String {
        var parts = [pollFailure ?? states.summary]
        if supervisor.restarts > 0 { parts.append("\(supervisor.restarts) resubmitted") }
        let givenUp = supervisor.givenUp.count
        if givenUp > 0 { parts.append("\(givenUp) given up") }
        return "slurm: " + parts.joined(separator: ", ")
    }

    /// Waits up to `grace` seconds for the tasks to end (workers exit when the coordinator tells
    /// them the sweep is done), then cancels every job of the run with `scancel` and forgets them.
    public func stop(grace: Double) {
        guard !jobs.isEmpty else { return }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, (try? Self.listing(jobs))?.contains(where: \.isActive) ?? true {
            usleep(250_000)
        }
        do {
            try cancel(jobs)
            jobs.removeAll()
            try SlurmJobRecord(endpoint: endpoint, jobs: []).save(runDirectory: runDirectory)
        } catch {
            logger.error("\(error)")
        }
    }

    private func cancel(_ ids: [String]) throws(LauncherError) {
        guard !ids.isEmpty else { return }
        _ = try SlurmCommand.run("scancel", ids)
        logger.info("cancelled slurm jobs \(ids.joined(separator: ", "))")
    }

    private func createLogDirectory() throws(LauncherError) {
        let logs = (runDirectory as NSString).appendingPathComponent("logs")
        do {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        } catch {
            throw .launcher(what: "create \(logs)", cause: "\(error)")
        }
    }

    /// The array tasks of `jobs` that Slurm still knows, in any state (`squeue -r -t all`); none
    /// once it forgot every one of the jobs.
    static func listing(_ jobs: [String]) throws(LauncherError) -> [SlurmTask] {
        guard !jobs.isEmpty else { return [] }
        do {
            let output = try SlurmCommand.run(
                "squeue", ["-h", "-r", "-t", "all", "-j", jobs.joined(separator: ","), "-o", SlurmTask.squeueFormat])
            return SlurmTask.parse(listing: output)
        } catch let error {
            if case let .launcher(_, cause) = error, cause.contains("Invalid job id") { return [] }
            throw error
        }
    }

    /// The final state and reason of a task that left the queue, from `sacct` when accounting
    /// is enabled.
    private static func accounted(_ task: SlurmTask.ID) -> String? {
        guard let listing = try? SlurmCommand.run("sacct", ["-n", "-X", "-P", "-j", "\(task)", "-o", "State,Reason"]),
              let line = listing.split(whereSeparator: \.isNewline).first
        else { return nil }
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard let state = fields.first, !state.isEmpty else { return nil }
        return SlurmTask(id: task, state: state, reason: fields.count > 1 ? fields[1] : "").stateAndReason
    }

    /// Why no more workers are submitted: each distinct reason once, with the workers it holds for.
    static func gaveUpReason(_ givenUp: [(slot: Int, reason: String)]) -> String {
        var order: [String] = []
        var slotsByReason: [String: [Int]] = [:]
        for (slot, reason) in givenUp {
            if slotsByReason[reason] == nil { order.append(reason) }
            slotsByReason[reason, default: []].append(slot)
        }
        let parts = order.map { reason in
            let slots = slotsByReason[reason] ?? []
            return "\(slots.count == 1 ? "worker" : "workers") \(slots.map(String.init).joined(separator: ", ")): \(reason)"
        }
        return "no more slurm workers are submitted; " + parts.joined(separator: "; ")
    }

    /// The job id in `sbatch --parsable` output (`ID` or `ID;CLUSTER`).
    static func jobID(parsable output: String) -> String? {
        let line = output.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        let id = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
