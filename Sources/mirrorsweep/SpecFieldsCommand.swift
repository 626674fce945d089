import ArgumentParser
import Core

/// `mirrorsweep spec-fields` (hidden): prints docs/SPEC.md's table of config fields, generated from `TrialConfig.fields`.
struct SpecFieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec-fields",
        abstract: "Print SPEC.md's config field table, generated from TrialConfig's field table.",
        shouldDisplay: false
    )

    func run() {
        print(TrialConfigField.markdownTable, terminator: "")
    }
}
