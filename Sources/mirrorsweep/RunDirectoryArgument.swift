import ArgumentParser
import Foundation
import Journaling
import Logging

/// The run directory whose journal `plot`, `report` and `logs` read.
struct RunDirectoryArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The run directory holding journal.sqlite.", valueName: "run-dir"))
    var path: String

    /// The journal of the run directory, opened for reading; a directory without
    /// `journal.sqlite` is a usage error (nothing is created).
    func journal(logger: Logger) throws -> Journal {
        let file = (path as NSString).appendingPathComponent(Journal.fileName)
        guard FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("\(path): no \(Journal.fileName) here; give the run directory of a sweep")
        }
        do {
            return try Journal.openForReading(runDirectory: path, logger: logger)
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
    }
}
