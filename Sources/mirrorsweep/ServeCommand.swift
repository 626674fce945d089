import ArgumentParser
import Foundation
import Logging
import Serving

/// `mirrorsweep serve`: the coordinator alone; workers connect with `mirrorsweep work`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a sweep to workers that connect with 'mirrorsweep work --connect'.",
        discussion: CoordinatorFlags.exitStatusHelp
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Where to listen, e.g. tcp://127.0.0.1:5555 or tcp://*:5555.")
    var bind: String = "tcp://127.0.0.1:5555"

    @OptionGroup var coordinator: CoordinatorFlags
    @OptionGroup var curve: CurveFlags
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        try EndpointArgument.check(bind, option: "--bind", binding: true)
        try curve.check(bind: bind)
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.serve")
        let keys = try curve.serverKeys()
        if let keys {
            logger.info("CURVE on: serving \(keys.allowedClients.count) allowed worker keys; coordinator public key \(keys.keys.publicKey)")
        } else if curve.insecureOpen && BindScope(endpoint: bind) == .network {
            logger.warning("--insecure-open: anyone who reaches \(bind) is served, unauthenticated and unencrypted")
        }
        try SweepService.serve(
            specPath: spec, bind: bind, curve: keys, flags: coordinator, logger: logger,
            launch: { _, endpoint in
                FileHandle.standardError.write(Data("listening on \(endpoint)\n".utf8))
            },
            cleanup: {})
    }
}
