import ArgumentParser
import Coordinator
import Foundation
import Logging

/// `mirrorsweep run`: a coordinator plus workers (local processes or a Slurm job array), journal
/// in the run directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep: a coordinator plus worker processes on this machine or on a Slurm cluster.",
        discussion: "Interrupted sweeps resume: run the same command again and recorded trials are skipped."
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Worker processes (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Training threads per worker process.")
    var slots: Int = 1

    @OptionGroup var launch: LauncherFlags
    @OptionGroup var coordinator: CoordinatorFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be an integer ≥ 1, got \(workers)") }
        guard slots >= 1 else { throw ValidationError("--slots must be an integer ≥ 1, got \(slots)") }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.run")
        switch launch.launcher {
        case .local: try runLocal(logger: logger)
        case .slurm: try runSlurm(logger: logger)
        }
    }

    /// What every worker is told besides where to connect.
    private var workerArguments: [String] {
        logging.logLevel.map { ["--log-level", $0.rawValue] } ?? []
    }

    private func runLocal(logger: Logger) throws {
        var launcher: WorkerLauncher?
        try SweepService.serve(
            specPath: spec, bind: launch.bind ?? "tcp://127.0.0.1:*", flags: coordinator, logger: logger,
            launch: { prepared, endpoint in
                let local = LocalLauncher(
                    executable: launch.remoteBinary ?? MirrorSweep.executablePath,
                    logDirectory: (prepared.runDirectory as NSString).appendingPathComponent("logs"),
                    count: workers, slots: slots, logger: logger)
                try local.start(endpoint: endpoint, workerArguments: workerArguments)
                launcher = local
            },
            cleanup: {
                launcher?.stop(grace: 5)
                launcher = nil
            })
    }

    private func runSlurm(logger: Logger) throws {
        let sweep = try SweepSpec.load(path: spec)
        let runDirectory = coordinator.runDir ?? PreparedSweep.defaultRunDirectory(for: sweep)
        let slurm = SlurmLauncher(
            executable: launch.remoteBinary ?? MirrorSweep.executablePath, runDirectory: runDirectory,
            settings: launch.slurmSettings(workers: workers, slots: slots, sweepName: sweep.name), logger: logger)
        let wildcard = launch.bind.map { Self.reachable($0, address: "") != $0 } ?? true
        let address = wildcard ? try HostAddress.forSlurmWorkers(logger: logger) : ""
        let bind: String
        if let chosen = launch.bind {
            bind = chosen
        } else if let recorded = try SlurmJobRecord.load(runDirectory: runDirectory)?.endpoint, !recorded.isEmpty {
            bind = recorded
        } else {
            bind = "tcp://\(address):\(try HostAddress.freePort(on: address))"
        }
        if launch.dryRun {
            print("# endpoint: \(Self.reachable(bind, address: address))")
            print(slurm.script(endpoint: Self.reachable(bind, address: address), workerArguments: workerArguments), terminator: "")
            return
        }
        var launcher: WorkerLauncher?
        try SweepService.serve(
            specPath: spec, bind: bind, fallbackBind: launch.bind == nil ? "tcp://\(address):*" : nil,
            flags: coordinator, logger: logger, status: { launcher?.statusLine() },
            launch: { _, endpoint in
                try slurm.start(endpoint: Self.reachable(endpoint, address: address), workerArguments: workerArguments)
                launcher = slurm
            },
            cleanup: {
                launcher?.stop(grace: 5)
                launcher = nil
            })
    }

    /// `endpoint` with a wildcard host (`*`, `0.0.0.0`) replaced by `address`, which workers reach.
    static func reachable(_ endpoint: String, address: String) -> String {
        for wildcard in ["tcp://*:", "tcp://0.0.0.0:"] where endpoint.hasPrefix(wildcard) {
            return "tcp://\(address):" + endpoint.dropFirst(wildcard.count)
        }
        return endpoint
    }
}
