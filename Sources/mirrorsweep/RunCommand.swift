import ArgumentParser
import Coordinator
import Foundation
import Logging
import Protocol

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

    @Option(help: ArgumentHelp(
        "The local workers' CURVE secret key file, with --secret-key; its public key must be in --allow-keys.",
        valueName: "file"))
    var workerKey: String?

    @OptionGroup var coordinator: CoordinatorFlags
    @OptionGroup var curve: CurveFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be an integer ≥ 1, got \(workers)") }
        guard slots >= 1 else { throw ValidationError("--slots must be an integer ≥ 1, got \(slots)") }
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
        var launcher: WorkerLauncher?
        try SweepService.serve(
            specPath: spec, bind: "tcp://127.0.0.1:*", curve: keys, flags: coordinator, logger: logger,
            launch: { prepared, endpoint in
                let local = LocalLauncher(
                    executable: MirrorSweep.executablePath,
                    logDirectory: (prepared.runDirectory as NSString).appendingPathComponent("logs"),
                    count: workers, slots: slots, logger: logger)
                var passed: [String] = []
                if let level = logging.logLevel { passed = ["--log-level", level.rawValue] }
                if let keys, let workerKey {
                    let serverPublicKey = (prepared.runDirectory as NSString).appendingPathComponent("coordinator.public")
                    try Data(CurveKeyFile.text(key: keys.keys.publicKey, kind: .public, name: "coordinator").utf8)
                        .write(to: URL(fileURLWithPath: serverPublicKey), options: .atomic)
                    passed += CurveFlags.workerArguments(serverPublicKey: serverPublicKey, workerSecretKey: workerKey)
                }
                try local.start(endpoint: endpoint, workerArguments: passed)
                launcher = local
            },
            cleanup: {
                launcher?.stop(grace: 5)
                launcher = nil
            })
    }
}
