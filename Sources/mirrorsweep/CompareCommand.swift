import ArgumentParser
import Foundation
import Journaling
import Logging
import Reporting

/// `mirrorsweep compare`: each method's configuration chosen by validation, its test metric read
/// once, and paired confidence intervals against a reference method.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare methods: per sparsity, each method's configuration chosen by validation, its test metric with a "
            + "Student-t interval, and paired seed-by-seed differences from a reference method."
    )

    @OptionGroup var runDirectory: RunDirectoryArgument

    @Option(help: "Comma-separated sparsities s to compare at.")
    var sparsities = "0.8,0.9,0.95,0.98"

    @Option(help: ArgumentHelp("The metric a configuration is chosen by (highest mean over seeds); {s} stands for the sparsity.", valueName: "metric"))
    var select = "val_accuracy@{s}"

    @Option(help: ArgumentHelp("The metric reported for the chosen configuration (the test set, read once); {s} stands for the sparsity.", valueName: "metric"))
    var report = "accuracy@{s}"

    @Option(help: ArgumentHelp("The method (value of the `method` field) every other is compared with.", valueName: "method"))
    var reference = "pilot"

    @Option(help: "The confidence level of the Student-t intervals, in (0, 1).")
    var confidence = 0.95

    @Option(help: "Output format.")
    var format: TableFormat = .markdown

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        _ = try parsedSparsities()
        guard confidence > 0, confidence < 1 else {
            throw ValidationError("--confidence: '\(confidence)' is not a level in (0, 1), e.g. 0.95")
        }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.compare")
        let journal = try runDirectory.journal(logger: logger)
        let options = ComparisonOptions(
            title: try journal.sweep()?.name ?? runDirectory.path, sparsities: try parsedSparsities(), select: select, report: report,
            reference: reference, confidence: confidence)
        let comparison: PairedComparison
        do {
            comparison = try PairedComparison(journal: journal, options: options)
        } catch let error as ReportError {
            switch error {
            case .noCompletedTrials, .missingField: throw ValidationError("\(error)")
            default: throw ValidationError("--\(error)")
            }
        }
        print(comparison.render(format), terminator: "")
    }

    /// The sparsities of `--sparsities`: numbers in (0, 1), each once.
    private func parsedSparsities() throws -> [Double] {
        let texts = sparsities.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for text in texts {
            guard let value = Double(text), value > 0, value < 1 else {
                throw ValidationError("--sparsities: '\(text)' is not a sparsity in (0, 1); give e.g. 0.8,0.9,0.95,0.98")
            }
            guard !values.contains(value) else { throw ValidationError("--sparsities: \(text) is given twice") }
            values.append(value)
        }
        return values
    }
}
