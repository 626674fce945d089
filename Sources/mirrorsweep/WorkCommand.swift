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

    @Option(help: "The coordinator's endpoint, e.g. tcp://host:5555.")
    var connect: String

    @Option(help: "Trials trained at the same time (one thread each).")
    var slots: Int = 1

    @Option(help: "The most trials that share their data one thread trains together (1: each alone).")
    var maxBatch: Int = CoordinatorFlags.defaultMaxBatch

    @Option(help: "This worker's name in logs and the journal (default: HOST-PID).")
    var workerID: String?

    @Flag(help: .hidden)
    var exitWithParent = false

    @OptionGroup var curve: WorkerCurveFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard slots >= 1 else { throw ValidationError("--slots must be an integer ≥ 1, got \(slots)") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be an integer ≥ 1, got \(maxBatch)") }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.worker")
        let stop = StopSignal()
        SignalTrap.install(raising: stop)
        let id = workerID ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let options = WorkerOptions(
            endpoint: connect, slots: slots, workerID: id, exitWithParent: exitWithParent, maxTrialsPerBatch: maxBatch,
            curve: try curve.clientKeys())
        do {
            let exit = try WorkerLoop(options: options, stop: stop, logger: logger).run()
            logger.info("worker \(id) exits: \(exit)")
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
    }
}
