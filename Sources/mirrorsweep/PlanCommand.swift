import ArgumentParser
import Foundation
import Logging
import Serving
import SweepSpecs

/// `mirrorsweep plan`: expand a spec and print its size; with `--prepare`, also register it in the
/// run directory's journal and load the pending trials, as `run` and `serve` do before serving.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Expand a sweep spec and print how many trials it has.",
        discussion: """
            Without --prepare nothing is written. With --prepare the run directory's journal is \
            created or updated exactly as 'run' and 'serve' do before serving, and the trials a \
            coordinator would serve are loaded and counted; then the command exits.
            """
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Flag(help: "Register the spec in the run directory's journal and count what a coordinator would serve.")
    var prepare = false

    @Option(help: "Run directory holding the journal, with --prepare (default: runs/<spec name>).")
    var runDir: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if runDir != nil && !prepare { throw ValidationError("--run-dir needs --prepare") }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.plan")
        let loaded = try SweepSpec.load(path: spec)
        guard prepare else {
            let trials = try loaded.expand()
            let axes = loaded.axisNames.isEmpty ? "no axes" : loaded.axisNames.joined(separator: " × ")
            print("""
                sweep     \(loaded.name)
                points    \(loaded.pointCount) (\(axes))
                seeds     \(loaded.seeds.count)
                trials    \(trials.count)
                """)
            return
        }
        let prepared = try PreparedSweep.prepare(
            specPath: spec, runDirectory: runDir, toolVersion: MirrorSweep.version,
            command: CommandLine.arguments.joined(separator: " "), logger: logger)
        let counts = try prepared.journal.counts()
        print("""
            sweep     \(prepared.spec.name)
            journal   \(prepared.journal.path)
            trials    \(counts.total) (\(prepared.added) new, \(prepared.existing) already in the journal)
            done      \(counts.done)
            failed    \(counts.failed)
            pending   \(prepared.pending.count)
            """)
    }
}
