import ArgumentParser
import Foundation
import Logging
import Worker
import ZeroMQ

/// `mirrorsweep work`: a worker process that trains the trials a coordinator hands it.
struct WorkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Connect to a coordinator and train the trials it hands out."
    )

    @Option(help: "The coordinator's endpoint: tcp://HOST:PORT (e.g. tcp://127.0.0.1:5555) or ipc://PATH.")
    var connect: String

    @Option(help: "Trials trained at the same time (one thread each; default 1, or one per GPU with --gpus).")
    var slots: Int?

    @Option(help: ArgumentHelp(
        "GPU device ids, one slot each: a comma list (0,1) or 'auto' (the ids in $CUDA_VISIBLE_DEVICES).",
        discussion: "A command trial on a slot runs with CUDA_VISIBLE_DEVICES set to that slot's id.",
        valueName: "LIST"))
    var gpus: String?

    @Option(help: ArgumentHelp(
        "Seconds an ended command trial's process group has between SIGTERM and SIGKILL.", valueName: "SECONDS"))
    var killGrace: Double = 5

    @Option(help: "The most trials that share their data one thread trains together (1: each alone).")
    var maxBatch: Int = CoordinatorFlags.defaultMaxBatch

    @Option(help: "This worker's name in logs and the journal (default: HOST-PID).")
    var workerID: String?

    @Flag(help: .hidden)
    var exitWithParent = false

    @OptionGroup var curve: WorkerCurveFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        try EndpointArgument.check(connect, option: "--connect", binding: false)
        if let slots, slots < 1 { throw ValidationError("--slots must be an integer ≥ 1, got \(slots)") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be an integer ≥ 1, got \(maxBatch)") }
        guard killGrace >= 0, killGrace.isFinite else { throw ValidationError("--kill-grace must be a number of seconds ≥ 0, got \(killGrace)") }
        if let devices = try gpuList(), let slots, slots != devices.count {
            throw ValidationError("--slots \(slots) contradicts --gpus \(gpus ?? ""), which makes \(devices.count) slot(s), one per GPU")
        }
    }

    /// The device ids `--gpus` lists: its comma list, or for `auto` the ids in `$CUDA_VISIBLE_DEVICES`.
    func gpuList() throws -> [String]? {
        guard let gpus else { return nil }
        let text: String
        if gpus == "auto" {
            guard let visible = ProcessInfo.processInfo.environment["CUDA_VISIBLE_DEVICES"], !visible.isEmpty else {
                throw ValidationError("--gpus auto: CUDA_VISIBLE_DEVICES is not set or empty; list the device ids instead, e.g. --gpus 0,1")
            }
            text = visible
        } else {
            text = gpus
        }
        let ids = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !ids.isEmpty, !ids.contains(where: \.isEmpty) else {
            throw ValidationError("--gpus must be a comma list of device ids (e.g. 0,1) or 'auto', got '\(gpus)'")
        }
        guard Set(ids).count == ids.count else { throw ValidationError("--gpus lists a device twice: '\(text)'") }
        return ids
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.worker")
        let stop = StopSignal()
        SignalTrap.install(raising: stop)
        let id = workerID ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let options = WorkerOptions(
            endpoint: connect, slots: slots ?? 1, workerID: id, exitWithParent: exitWithParent, maxTrialsPerBatch: maxBatch,
            curve: try curve.clientKeys(), gpus: try gpuList(), killGrace: killGrace)
        do {
            let exit = try WorkerLoop(options: options, stop: stop, logger: logger).run()
            logger.info("worker \(id) exits: \(exit)")
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
    }
}
