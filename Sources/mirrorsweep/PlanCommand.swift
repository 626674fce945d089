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
            coordinator would serve are loaded and counted; then the command exits. With --list, \
            one line per trial follows, in grid order: its id's first 12 hex digits, its seed, its \
            axis values and, for a command sweep, the command it runs; with --prepare also its \
            state in the journal (pending, done, or failed).
            """
    )

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Flag(help: "Register the spec in the run directory's journal and count what a coordinator would serve.")
    var prepare = false

    @Flag(help: "List every trial: short id, seed, axis values (and the command it runs); with --prepare, its state.")
    var list = false

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
            print("sweep     \(loaded.name)")
            if let command = loaded.command { print("command   \(Self.shellWords(command))") }
            print("""
                points    \(loaded.pointCount) (\(axes))
                seeds     \(loaded.seeds.count)
                trials    \(trials.count)
                """)
            if let first = trials.first, let command = first.work.commandTrial {
                if let directory = command.workingDirectory { print("directory \(directory)") }
                if let timeout = command.timeout { print("timeout   \(String(format: "%g", timeout)) s") }
                let example = command.arguments(seed: first.seed, trialID: first.id)
                print("example   \(Self.shellWords(example))   (trial \(first.id.prefix(12)), seed \(first.seed))")
            }
            if list { Self.printList(trials.map { ($0, nil) }) }
            return
        }
        let prepared = try PreparedSweep.prepare(
            specPath: spec, runDirectory: runDir, toolVersion: MirrorSweep.version,
            command: CommandLine.arguments.joined(separator: " "), logger: logger)
        let counts = try prepared.journal.counts()
        print("""
            sweep     \(prepared.spec.name)\(prepared.spec.command.map { "\ncommand   " + Self.shellWords($0) } ?? "")
            journal   \(prepared.journal.path)
            trials    \(counts.total) (\(prepared.added) new, \(prepared.existing) already in the journal)
            done      \(counts.done)
            failed    \(counts.failed)
            pending   \(prepared.pending.count)
            """)
        if list {
            Self.printList(try prepared.journal.records().map { record in
                switch record.outcome {
                case nil: (record.spec, "pending")
                case .done: (record.spec, "done")
                case let .failed(_, attempts): (record.spec, "failed after \(attempts) attempt\(attempts == 1 ? "" : "s")")
                }
            })
        }
    }

    /// Prints, after a blank line, one line per trial in the given order: the first 12 hex digits
    /// of its id, its seed, its axis values, its `state` when given, and a command trial's argv.
    private static func printList(_ trials: [(trial: TrialSpec, state: String?)]) {
        let rows = trials.map { entry in
            (entry, entry.trial.axes.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
        }
        let seedWidth = rows.map { String($0.0.trial.seed).count }.max() ?? 0
        let axesWidth = rows.map(\.1.count).max() ?? 0
        let stateWidth = rows.map { $0.0.state?.count ?? 0 }.max() ?? 0
        print("")
        for (entry, axes) in rows {
            let seed = String(entry.trial.seed)
            var line = "\(entry.trial.id.prefix(12))  seed \(seed)\(String(repeating: " ", count: seedWidth - seed.count))"
            if axesWidth > 0 { line += "  " + axes + String(repeating: " ", count: axesWidth - axes.count) }
            if let state = entry.state { line += "  " + state + String(repeating: " ", count: stateWidth - state.count) }
            if let command = entry.trial.work.commandTrial {
                line += "  $ " + shellWords(command.arguments(seed: entry.trial.seed, trialID: entry.trial.id))
            }
            while line.hasSuffix(" ") { line.removeLast() }
            print(line)
        }
    }

    /// `words` as a shell would read them back: a word with characters other than letters, digits
    /// and `-_./=:,+@%{}` is single-quoted.
    private static func shellWords(_ words: [String]) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%{}")
        return words.map { word in
            !word.isEmpty && word.allSatisfy(plain.contains) ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }.joined(separator: " ")
    }
}
