import ArgumentParser
import Core
import Foundation
import Logging

/// `mirrorsweep train`: runs one trial from flags and/or a config file and prints its result.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one trial and print its result.",
        discussion: """
            Every TrialConfig field has a flag (below), and --set NAME=VALUE sets a field by its snake_case \
            name; a list takes comma-separated values and a repeated list flag appends. Flags override the \
            values of --config, and fields set nowhere take TrialConfig's defaults. Usage errors exit with \
            status 2. MIRRORSWEEP_KERNELS=portable|avx2|avx512 runs the kernels on that instruction set (same result).

            """ + FieldFlags.help
    )

    @Option(name: .customLong("config"), help: ArgumentHelp("A YAML or JSON file (.json) of TrialConfig fields in snake_case.", valueName: "file"))
    var configFile: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Sets the TrialConfig field NAME (repeatable).", valueName: "NAME=VALUE"))
    var assignments: [String] = []
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The field flags listed below.", visibility: .hidden))
    var fieldArguments: [String] = []

    @Option(help: "The trial's seed.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object (sorted keys; NaN and ±Inf as \"nan\", \"inf\", \"-inf\") instead of the summary.")
    var json = false
    @Option(help: ArgumentHelp(
        "Write the problem's data (generated from --data-seed, else --seed; or read from --data) as .npy files into this directory before training.",
        valueName: "dir"
    ))
    var saveData: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.train")
        let config = try resolvedConfig()
        let instructionSet = try Self.instructionSet()
        if let saveData {
            switch config.problem {
            case .sparseRegression: try RegressionData.trialData(config, seed: seed).save(to: saveData)
            case .matrixSensing: try MatrixSensingData.trialData(config, seed: seed).save(to: saveData)
            case .noop, .digits, .teacherStudent, .mnist1d:
                throw ValidationError("--save-data needs --problem sparse-regression or matrix-sensing; \(config.problem.rawValue) has no data to save")
            }
            logger.info("saved the problem's data", metadata: ["directory": "\(saveData)"])
        }
        logger.info("training", metadata: ["problem": "\(config.problem.rawValue)", "steps": "\(config.steps)", "seed": "\(seed)"])
        let result = try runTrial(config, seed: seed, instructionSet: instructionSet)
        let report = TrainReport(result: result, config: config, seed: seed)
        print(json ? try report.json() : report.summary())
    }

    /// `$MIRRORSWEEP_KERNELS` (`portable`, `avx2` or `avx512`) forces the kernels' instruction set,
    /// which never changes a result; unset, the fastest one this CPU supports.
    static func instructionSet() throws -> InstructionSet {
        guard let name = ProcessInfo.processInfo.environment["MIRRORSWEEP_KERNELS"], !name.isEmpty else { return .native }
        guard let set = InstructionSet(rawValue: name) else {
            throw ValidationError("MIRRORSWEEP_KERNELS=\(name): expected one of \(InstructionSet.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard set.isSupported else { throw ValidationError("MIRRORSWEEP_KERNELS=\(name): this CPU cannot run \(name) kernels") }
        return set
    }

    /// The config file's values, overridden by the flags given, then validated.
    func resolvedConfig() throws -> TrialConfig {
        let file = try configFile.map { try ConfigFile(path: $0) }
        var config = file?.config ?? TrialConfig()
        var flags: [String: String] = [:]
        for (field, value, flag) in try FieldFlags(unrecognized: fieldArguments, sets: assignments).assignments {
            field.set(value, in: &config)
            flags[field.name] = flag
        }
        config.fillDerivedDefaults(except: Set(flags.keys).union(file?.keys ?? []))
        do {
            try config.validate()
        } catch {
            guard case let .invalidField(field, _, _) = error else { throw error }
            if let flag = flags[field] {
                throw ValidationError("\(flag): \(error)")
            } else if let file, file.keys.contains(field) {
                throw ValidationError("\(file.location(of: field)): \(error)")
            }
            throw ValidationError("\(error)")
        }
        return config
    }
}
