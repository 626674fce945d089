import Foundation
import Logging

/// Starts `mirrorsweep work` processes as a Slurm job array and cancels them when the sweep ends.
///
/// The job ids and the endpoint are recorded in the run directory (``SlurmJobRecord``): a resumed
/// sweep that binds the same endpoint keeps the tasks still pending or running and submits only
/// the missing workers. The executable and the run directory must be on a file system that the
/// compute nodes share.
public final class SlurmLauncher: WorkerLauncher {
    private let executable: String
    private let runDirectory: String
    private let settings: SlurmJobSettings
    private let logger: Logger
    private var jobs: [String] = []
    private var endpoint = ""
    private var lastStatus: (at: Date, line: String)?

    /// Seconds between the `squeue` calls behind ``statusLine()``.
    public static let statusInterval = 5.0

    /// - Parameters:
    ///   - executable: the `mirrorsweep` binary as the compute nodes see it.
    ///   - runDirectory: the sweep's run directory; the script, the job record and `logs/` go here.
    ///   - settings: the workers and their resources.
    public init(executable: String, runDirectory: String, settings: SlurmJobSettings, logger: Logger) {
        self.executable = Self.absolute(executable)
        self.runDirectory = Self.absolute(runDirectory)
        self.settings = settings
        self.logger = logger
    }

    /// The sbatch script's path in the run directory.
    public var scriptPath: String { (runDirectory as NSString).appendingPathComponent("slurm-workers.sbatch") }

    /// The sbatch script that ``start(endpoint:workerArguments:)`` submits for `workers` tasks.
    public func script(endpoint: String, workerArguments: [String], workers: Int? = nil) -> String {
        var settings = settings
        if let workers { settings.workers = workers }
        return SlurmScript.render(
            settings: settings, executable: executable, endpoint: endpoint,
            logDirectory: (runDirectory as NSString).appendingPathComponent("logs"), workerArguments: workerArguments)
    }

    /// Keeps the recorded jobs still alive when they were given `endpoint`, cancels them
    /// otherwise, and submits a job array for the workers missing.
    public func start(endpoint: String, workerArguments: [String]) throws(CoordinatorError) {
        self.endpoint = endpoint
        var alive = 0
        if let record = try SlurmJobRecord.load(runDirectory: runDirectory) {
            if record.endpoint == endpoint {
                for job in record.jobs {
                    let states = try Self.queued(job)
                    if states.activeCount > 0 {
                        jobs.append(job)
                        alive += states.activeCount
                        logger.info("reusing slurm job \(job): \(states.summary)")
                    }
                }
            } else if !record.jobs.isEmpty {
                logger.info("cancelling slurm jobs \(record.jobs.joined(separator: ", ")) of endpoint \(record.endpoint)")
                try cancel(record.jobs)
            }
        }
        let missing = settings.workers - alive
        if missing > 0 {
            try createLogDirectory()
            let text = script(endpoint: endpoint, workerArguments: workerArguments, workers: missing)
            do {
                try text.write(toFile: scriptPath, atomically: true, encoding: .utf8)
            } catch {
                throw .launcher(what: "write \(scriptPath)", cause: "\(error)")
            }
            let output = try SlurmCommand.run("sbatch", ["--parsable", scriptPath])
            guard let id = Self.jobID(parsable: output) else {
                throw .launcher(what: "submit \(scriptPath)", cause: "sbatch printed no job id: '\(output)'")
            }
            jobs.append(id)
            logger.info("submitted slurm job \(id): \(missing) workers, logs in \(runDirectory)/logs")
        }
        try SlurmJobRecord(endpoint: endpoint, jobs: jobs).save(runDirectory: runDirectory)
    }

    /// Reports the workers' state; ended workers are not replaced yet.
    public func supervise(now: Double, trialsRemain: Bool) -> LauncherReport {
        LauncherReport(status: statusLine())
    }

    /// E.g. `slurm 12345: 2 running, 0 pending`; refreshed at most every ``statusInterval`` seconds.
    public func statusLine() -> String? {
        guard !jobs.isEmpty else { return nil }
        if let last = lastStatus, Date().timeIntervalSince(last.at) < Self.statusInterval { return last.line }
        var parts: [String] = []
        for job in jobs {
            do {
                let states = try Self.queued(job)
                parts.append("slurm \(job): " + (states.isEmpty ? Self.accounted(job) : states.summary))
            } catch {
                parts.append("slurm \(job): squeue failed")
                logger.debug("\(error)")
            }
        }
        let line = parts.joined(separator: "; ")
        lastStatus = (Date(), line)
        return line
    }

    /// Waits up to `grace` seconds for the tasks to end (workers exit when the coordinator tells
    /// them the sweep is done), then cancels the jobs with `scancel` and forgets them.
    public func stop(grace: Double) {
        guard !jobs.isEmpty else { return }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, jobs.contains(where: { ((try? Self.queued($0))?.activeCount ?? 0) > 0 }) {
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

    private func cancel(_ ids: [String]) throws(CoordinatorError) {
        guard !ids.isEmpty else { return }
        _ = try SlurmCommand.run("scancel", ids)
        logger.info("cancelled slurm jobs \(ids.joined(separator: ", "))")
    }

    private func createLogDirectory() throws(CoordinatorError) {
        let logs = (runDirectory as NSString).appendingPathComponent("logs")
        do {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        } catch {
            throw .launcher(what: "create \(logs)", cause: "\(error)")
        }
    }

    /// The states of the job's array tasks still in the queue; none once Slurm forgot the job.
    static func queued(_ job: String) throws(CoordinatorError) -> SlurmTaskStates {
        do {
            return SlurmTaskStates(listing: try SlurmCommand.run("squeue", ["-h", "-r", "-j", job, "-o", "%T"]))
        } catch let error {
            if case let .launcher(_, cause) = error, cause.contains("Invalid job id") { return SlurmTaskStates(listing: "") }
            throw error
        }
    }

    /// The final states of a job that left the queue, from `sacct` when accounting is enabled.
    private static func accounted(_ job: String) -> String {
        guard let listing = try? SlurmCommand.run("sacct", ["-n", "-X", "-P", "-j", job, "-o", "State"]) else {
            return "no tasks left"
        }
        let states = SlurmTaskStates(listing: listing)
        return states.isEmpty ? "no tasks left" : states.summary
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
