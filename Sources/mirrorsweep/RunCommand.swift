import ArgumentParser
import Foundation
import Launchers
import Logging
import Serving
import SweepSpecs
import ZeroMQ

/// `mirrorsweep run`: a coordinator plus workers (local processes, a Slurm job array or one
/// process per SSH host), journal in the run directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep: a coordinator plus worker processes on this machine, on a Slurm cluster or over SSH.",
        discussion: "Interrupted sweeps resume: run the same command again and recorded trials are skipped; "
            + "--retry-failed runs failed ones again. " + CoordinatorFlags.exitStatusHelp
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Worker processes (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Training threads per worker process.")
    var slots: Int = 1

    @Option(help: ArgumentHelp(
        "GPUs of --launcher local: comma-separated device ids (e.g. 0,1) or auto (the ids in CUDA_VISIBLE_DEVICES).",
        discussion: "Starts one local worker holding every listed GPU, one slot per GPU (--workers and --slots do not apply); each trial runs with CUDA_VISIBLE_DEVICES set to its slot's GPU.",
        valueName: "list"))
    var gpus: String?

    @Option(help: ArgumentHelp(
        "The workers' CURVE secret key file, with --secret-key; its public key must be in --allow-keys.",
        valueName: "file"))
    var workerKey: String?

    @OptionGroup var launch: LauncherFlags
    @OptionGroup var coordinator: CoordinatorFlags
    @OptionGroup var curve: CurveFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be an integer ≥ 1, got \(workers)") }
        guard slots >= 1 else { throw ValidationError("--slots must be an integer ≥ 1, got \(slots)") }
        if let gpus {
            guard launch.launcher == .local else {
                throw ValidationError("--gpus needs --launcher local; for slurm use --gpus-per-worker N")
            }
            do {
                _ = try GPUDevices(parsing: gpus)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        if curve.secretKey != nil && workerKey == nil {
            throw ValidationError("--secret-key needs --worker-key FILE, the secret key the local workers authenticate with")
        }
        if workerKey != nil && curve.secretKey == nil {
            throw ValidationError("--worker-key needs --secret-key FILE and --allow-keys DIR")
        }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.run")
        let keys = try curve.serverKeys()
        if let keys, let workerKey {
            let worker = try CurveFlags.keyPair(workerKey, flag: "--worker-key")
            guard keys.allowedClients[worker.publicKey] != nil else {
                throw ValidationError(
                    "--worker-key \(workerKey): its public key \(worker.publicKey) is not in --allow-keys \(curve.allowKeys ?? ""); "
                        + "copy the matching .public file there")
            }
        }
        switch launch.launcher {
        case .local: try runLocal(keys: keys, logger: logger)
        case .slurm: try runSlurm(keys: keys, logger: logger)
        case .ssh: try runSSH(keys: keys, logger: logger)
        }
    }

    /// What every worker is told besides where to connect: the log level, a batch limit other
    /// than the default and, with keys, the
    /// coordinator's public key file in the run directory and the workers' secret key.
    private func workerArguments(keys: CurveServerKeys?, runDirectory: String) -> [String] {
        var arguments = logging.logLevel.map { ["--log-level", $0.rawValue] } ?? []
        if coordinator.maxBatch != CoordinatorFlags.defaultMaxBatch { arguments += ["--max-batch", "\(coordinator.maxBatch)"] }
        if keys != nil, let workerKey {
            arguments += CurveFlags.workerArguments(serverPublicKey: Self.serverPublicKeyPath(runDirectory), workerSecretKey: workerKey)
        }
        return arguments
    }

    private static func serverPublicKeyPath(_ runDirectory: String) -> String {
        (runDirectory as NSString).appendingPathComponent("coordinator.public")
    }

    /// Writes the coordinator's public key where ``workerArguments(keys:runDirectory:)`` points the workers.
    private func writeServerPublicKey(_ keys: CurveServerKeys?, runDirectory: String) throws {
        guard let keys else { return }
        try Data(CurveKeyFile.text(key: keys.keys.publicKey, kind: .public, name: "coordinator").utf8)
            .write(to: URL(fileURLWithPath: Self.serverPublicKeyPath(runDirectory)), options: .atomic)
    }

    private func runLocal(keys: CurveServerKeys?, logger: Logger) throws {
        let bind = launch.bind ?? "tcp://127.0.0.1:*"
        try curve.check(bind: bind)
        try serve(bind: bind, keys: keys, logger: logger) { prepared, endpoint, supervise in
            let devices = try gpus.map { try GPUDevices(parsing: $0) }
            let local = LocalLauncher(
                executable: launch.remoteBinary ?? MirrorSweep.executablePath,
                logDirectory: (prepared.runDirectory as NSString).appendingPathComponent("logs"),
                count: devices == nil ? workers : 1, slots: slots, gpus: devices, logger: logger)
            try writeServerPublicKey(keys, runDirectory: prepared.runDirectory)
            try local.start(endpoint: endpoint, workerArguments: workerArguments(keys: keys, runDirectory: prepared.runDirectory))
            supervise(local)
        }
    }

    private func runSlurm(keys: CurveServerKeys?, logger: Logger) throws {
        let sweep = try SweepSpec.load(path: spec)
        let runDirectory = coordinator.runDir ?? PreparedSweep.defaultRunDirectory(for: sweep)
        let slurm = SlurmLauncher(
            executable: launch.remoteBinary ?? MirrorSweep.executablePath, runDirectory: runDirectory,
            settings: launch.slurmSettings(workers: workers, slots: slots, sweepName: sweep.name),
            policy: launch.slurmRestartPolicy(workers: workers), logger: logger)
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
        try curve.check(bind: bind)
        let arguments = workerArguments(keys: keys, runDirectory: runDirectory)
        if launch.dryRun {
            print("# endpoint: \(Self.reachable(bind, address: address))")
            print(slurm.script(endpoint: Self.reachable(bind, address: address), workerArguments: arguments), terminator: "")
            return
        }
        let fallbackBind = launch.bind == nil ? "tcp://\(address):*" : nil
        try serve(bind: bind, fallbackBind: fallbackBind, keys: keys, logger: logger) { _, endpoint, supervise in
            try writeServerPublicKey(keys, runDirectory: runDirectory)
            try slurm.start(endpoint: Self.reachable(endpoint, address: address), workerArguments: arguments)
            supervise(slurm)
        }
    }

    private func runSSH(keys: CurveServerKeys?, logger: Logger) throws {
        let hosts = try SSHHost.parse(launch.hosts ?? "", defaultSlots: slots)
        let remote = hosts.map(\.host).first { !["127.0.0.1", "localhost", "::1"].contains($0) }
        let bind = try launch.bind ?? remote.map { "tcp://\(try HostAddress.reaching($0)):*" } ?? "tcp://127.0.0.1:*"
        try curve.check(bind: bind)
        try serve(bind: bind, keys: keys, logger: logger) { prepared, endpoint, supervise in
            let ssh = SSHLauncher(
                hosts: hosts, remoteExecutable: launch.remoteBinary ?? MirrorSweep.executablePath,
                logDirectory: (prepared.runDirectory as NSString).appendingPathComponent("logs"),
                sshArguments: launch.sshArg, logger: logger)
            try writeServerPublicKey(keys, runDirectory: prepared.runDirectory)
            supervise(ssh)
            try ssh.start(
                endpoint: SSHLauncher.reachableEndpoint(bound: endpoint, host: ProcessInfo.processInfo.hostName),
                workerArguments: workerArguments(keys: keys, runDirectory: prepared.runDirectory))
        }
    }

    /// Serves the sweep on `bind` (or `fallbackBind`) through ``SweepService/serve``: `start`
    /// starts the workers for the prepared sweep and the bound endpoint and hands their launcher
    /// to its third argument, from when on the launcher is supervised, and stopped (5 s grace)
    /// when serving ends.
    private func serve(
        bind: String, fallbackBind: String? = nil, keys: CurveServerKeys?, logger: Logger,
        start: (PreparedSweep, String, _ supervise: (WorkerLauncher) -> Void) throws -> Void
    ) throws {
        var launcher: WorkerLauncher?
        try SweepService.serve(
            specPath: spec, bind: bind, fallbackBind: fallbackBind, curve: keys, flags: coordinator, logger: logger,
            launcher: { launcher },
            launch: { prepared, endpoint in try start(prepared, endpoint) { launcher = $0 } },
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
