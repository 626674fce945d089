import ArgumentParser
import Core

extension ProblemKind: ExpressibleByArgument {}
extension ParameterizationKind: ExpressibleByArgument {}
extension RegularizerKind: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension MatrixModelKind: ExpressibleByArgument {}

extension WeightDecaySchedule: ExpressibleByArgument {
    /// Parses the schedule's string form; argument-parser then lists ``allValueStrings`` on failure.
    public init?(argument: String) {
        guard let schedule = try? WeightDecaySchedule(parsing: argument) else { return nil }
        self = schedule
    }

    /// The allowed forms, for help and error messages.
    public static var allValueStrings: [String] {
        WeightDecaySchedule.allowedForms.components(separatedBy: ", ")
    }
}
