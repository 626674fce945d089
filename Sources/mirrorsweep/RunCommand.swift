import ArgumentParser
import Coordinator
import Foundation
import Logging

/// `mirrorsweep run`: coordinator and local workers on this machine, journal in the run directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep on this machine: a coordinator plus local worker processes.",
        discussion: "Interrupted sweeps resume: run the same command again and recorded trials are skipped."
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Local worker processes (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Training threads per worker process.")
    var slots: Int = 1

    @OptionGroup var coordinator: CoordinatorFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be an integer ≥ 1, got \(workers)") }
        guard slots >= 1 else { throw ValidationError("--slots must be an integer ≥ 1, got \(slots)") }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.run")
        var launcher: WorkerLauncher?
        try SweepService.serve(
            specPath: spec, bind: "tcp://127.0.0.1:*", flags: coordinator, logger: logger,
            launch: { prepared, endpoint in
                let local = LocalLauncher(
                    executable: MirrorSweep.executablePath,
                    logDirectory: (prepared.runDirectory as NSString).appendingPathComponent("logs"),
                    count: workers, slots: slots, logger: logger)
                var passed: [String] = []
                if let level = logging.logLevel { passed = ["--log-level", level.rawValue] }
                try local.start(endpoint: endpoint, workerArguments: passed)
                launcher = local
            },
            cleanup: {
                launcher?.stop(grace: 5)
                launcher = nil
            })
    }
}
