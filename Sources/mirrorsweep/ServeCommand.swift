import ArgumentParser
import Coordinator
import Foundation
import Logging

/// `mirrorsweep serve`: the coordinator alone; workers connect with `mirrorsweep work`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a sweep to workers that connect with 'mirrorsweep work --connect'."
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(help: "Where to listen, e.g. tcp://127.0.0.1:5555 or tcp://*:5555.")
    var bind: String = "tcp://127.0.0.1:5555"

    @OptionGroup var coordinator: CoordinatorFlags
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.serve")
        try SweepService.serve(
            specPath: spec, bind: bind, flags: coordinator, logger: logger,
            launch: { _, endpoint in
                FileHandle.standardError.write(Data("listening on \(endpoint)\n".utf8))
            },
            cleanup: {})
    }
}
