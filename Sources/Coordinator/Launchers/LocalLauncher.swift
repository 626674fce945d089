import Core
import Foundation
import Logging
import Processes

/// Starts `mirrorsweep work` processes on this machine, replaces those that end while trials
/// remain (``WorkerSupervisor``), and stops them at the end.
///
/// A worker ended by SIGKILL (the OOM killer, a user) was killed from outside and is replaced
/// without counting towards the crash-loop limit; any other ending is the worker's own.
///
/// Worker `N` writes its output to `worker-N.log` in the log directory; its replacements append
/// to the same file and keep its worker id, so the coordinator takes the new session as the same
/// worker rejoining and hands its trials out again at once. Workers that keep crashing as soon as
/// they start make ``supervise(now:trialsRemain:)`` report a fatal error that names the log.
public final class LocalLauncher: WorkerLauncher {
    private let executable: String
    private let logDirectory: String
    private let slots: Int
    private let gpus: GPUDevices?
    private let logger: Logger
    private var supervisor: WorkerSupervisor
    private var processes: [BackgroundProcess?]
    private var logOffsets: [UInt64]
    private var endpoint = ""
    private var workerArguments: [String] = []

    /// - Parameters:
    ///   - executable: the `mirrorsweep` binary to start.
    ///   - logDirectory: worker `N` writes its log to `worker-N.log` here.
    ///   - count: how many worker processes to keep running.
    ///   - slots: training threads per worker; ignored with `gpus`.
    ///   - gpus: the GPUs every worker is started with (`work --gpus`), one slot per GPU.
    ///   - policy: when ended workers are replaced, and when to give up.
    public init(
        executable: String, logDirectory: String, count: Int, slots: Int = 1, gpus: GPUDevices? = nil,
        policy: RestartPolicy = .init(), logger: Logger
    ) {
        self.executable = executable
        self.logDirectory = logDirectory
        self.slots = slots
        self.gpus = gpus
        self.logger = logger
        supervisor = WorkerSupervisor(slots: count, policy: policy)
        processes = Array(repeating: nil, count: count)
        logOffsets = Array(repeating: 0, count: count)
    }

    /// The log file of worker `index`.
    public func logPath(_ index: Int) -> String {
        (logDirectory as NSString).appendingPathComponent("worker-\(index).log")
    }

    /// Starts every worker, connecting to `endpoint`; throws when one cannot be started.
    public func start(endpoint: String, workerArguments: [String]) throws(LauncherError) {
        do {
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        } catch {
            throw .launcher(what: "create \(logDirectory)", cause: "\(error)")
        }
        self.endpoint = endpoint
        self.workerArguments = workerArguments
        let now = MonotonicClock.seconds()
        for case let .start(slot, _) in supervisor.handle(.tick(at: now, trialsRemain: true)) {
            let process = try spawn(slot)
            processes[slot] = process
            _ = supervisor.handle(.started(slot: slot, at: now))
        }
    }

    /// Replaces workers that ended while trials remain; a worker slot given up (its workers
    /// crashed as soon as they started, ``RestartPolicy/quickFailureLimit`` times in a row) is
    /// a fatal error naming its log and last lines.
    public func supervise(now: Double, trialsRemain: Bool) -> LauncherReport {
        var fatal: LauncherError?
        for slot in processes.indices {
            guard let process = processes[slot] else { continue }
            let state = process.state
            guard let ending = state.ending else { continue }
            processes[slot] = nil
            if trialsRemain {
                logger.warning("local worker \(slot) (pid \(process.pid)) \(ending) while trials remain; log \(logPath(slot)): \(lastLines(slot))")
            }
            let event: WorkerSupervisorEvent = state.killedBySIGKILL
                ? .killed(slot: slot, at: now, reason: ending) : .ended(slot: slot, at: now, reason: ending)
            fatal = execute(supervisor.handle(event), now: now) ?? fatal
        }
        fatal = execute(supervisor.handle(.tick(at: now, trialsRemain: trialsRemain)), now: now) ?? fatal
        let live = processes.count { $0 != nil }
        let status = supervisor.restarts > 0 ? "local: \(live) running, \(supervisor.restarts) replaced" : nil
        return LauncherReport(status: status, gaveUp: fatal?.description, fatal: fatal)
    }

    private func execute(_ directives: [WorkerSupervisorDirective], now: Double) -> LauncherError? {
        var fatal: LauncherError?
        for directive in directives {
            switch directive {
            case let .start(slot, replacing):
                do {
                    let process = try spawn(slot)
                    processes[slot] = process
                    if replacing { logger.notice("started a replacement for local worker \(slot) (pid \(process.pid))") }
                    fatal = execute(supervisor.handle(.started(slot: slot, at: now)), now: now) ?? fatal
                } catch {
                    fatal = execute(supervisor.handle(.startFailed(slot: slot, at: now, reason: error.description)), now: now) ?? fatal
                }
            case let .giveUp(slot, reason):
                fatal = .launcher(
                    what: "keep local workers running",
                    cause: "worker \(slot): \(reason); its log \(logPath(slot)) ends: \(lastLines(slot))")
            }
        }
        return fatal
    }

    /// Starts worker `slot`, appending its output to its log after a line that says so.
    private func spawn(_ slot: Int) throws(LauncherError) -> BackgroundProcess {
        let (log, offset) = try LogFile.openForAppending(logPath(slot))
        defer { close(log) }
        logOffsets[slot] = offset
        let header = "--- mirrorsweep: worker \(slot) starting at \(Date()) ---\n"
        _ = header.withCString { write(log, $0, strlen($0)) }
        let arguments = Self.arguments(endpoint: endpoint, slots: slots, gpus: gpus, workerID: "local-\(getpid())-\(slot)", extra: workerArguments)
        let process: BackgroundProcess
        do {
            process = try BackgroundProcess(ProcessConfiguration(arguments: [executable] + arguments), output: log)
        } catch {
            throw LauncherError(error)
        }
        logger.debug("started local worker \(slot) (pid \(process.pid))")
        return process
    }

    /// The arguments of a local worker: `work --connect ENDPOINT`, then `--gpus LIST` with
    /// `gpus` or else `--slots S`, its worker id, `--exit-with-parent` and `extra`.
    static func arguments(endpoint: String, slots: Int, gpus: GPUDevices?, workerID: String, extra: [String]) -> [String] {
        ["work", "--connect", endpoint] + (gpus.map { ["--gpus", $0.argument] } ?? ["--slots", "\(slots)"])
            + ["--worker-id", workerID, "--exit-with-parent"] + extra
    }

    private func lastLines(_ slot: Int) -> String {
        let lines = LogFile.lastLines(path: logPath(slot), from: logOffsets[slot], count: 3)
        return lines.isEmpty ? "(nothing)" : lines
    }

    /// Waits up to `grace` seconds for the workers to exit, then sends SIGTERM, then SIGKILL.
    public func stop(grace: Double) {
        let running = processes.compactMap { $0 }
        Self.wait(for: running, seconds: grace)
        for process in running { process.signal(SIGTERM) }
        Self.wait(for: running, seconds: 2)
        for process in running {
            process.signal(SIGKILL)
            process.wait()
        }
        processes = processes.map { _ in nil }
    }

    private static func wait(for processes: [BackgroundProcess], seconds: Double) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        for process in processes {
            process.wait(timeout: max(.zero, deadline - ContinuousClock.now))
        }
    }
}
