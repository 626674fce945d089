import ArgumentParser
import Coordinator
import Foundation
import Logging
import Protocol

/// What `run` and `serve` share: prepare the sweep, serve it, print the table.
enum SweepService {
    /// Prepares `specPath`, binds `bind` (or `fallbackBind` when `bind` fails), serving only the
    /// workers `curve` allows when given, calls `launch` with the bound endpoint, serves until
    /// done or stopped, showing `status` beside the progress, then calls `cleanup` and prints the
    /// table when every trial is recorded.
    static func serve(
        specPath: String, bind: String, fallbackBind: String? = nil, curve: CurveServerKeys?, flags: CoordinatorFlags,
        logger: Logger, status: () -> String? = { nil }, launch: (PreparedSweep, String) throws -> Void, cleanup: () -> Void
    ) throws {
        let prepared = try PreparedSweep.prepare(
            specPath: specPath, runDirectory: flags.runDir, toolVersion: MirrorSweep.version, logger: logger)
        let runID = "\(prepared.spec.name)-\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let server: CoordinatorServer
        do {
            server = try CoordinatorServer(journal: prepared.journal, pending: prepared.pending, options: flags.options(bind: bind, runID: runID, curve: curve), logger: logger)
        } catch let error as CoordinatorError {
            guard let fallbackBind else { throw error }
            logger.warning("\(error); binding \(fallbackBind) instead")
            server = try CoordinatorServer(journal: prepared.journal, pending: prepared.pending, options: flags.options(bind: fallbackBind, runID: runID, curve: curve), logger: logger)
        }
        logger.info("serving \(prepared.spec.name) on \(server.endpoint); journal in \(prepared.runDirectory)")
        let stop = StopSignal()
        SignalTrap.install(raising: stop)
        defer { cleanup() }
        if !prepared.pending.isEmpty {
            try launch(prepared, server.endpoint)
        }
        let printer = ProgressPrinter()
        let outcome = try server.run(stop: stop, progress: { printer.update($0, status: status()) })
        printer.finish()
        cleanup()
        switch outcome {
        case .stopped:
            logger.notice("stopped; run the same command again to resume")
            throw ExitCode(130)
        case .finished:
            let status = try SweepStatus.load(runDirectory: prepared.runDirectory, logger: logger)
            logger.info("sweep \(prepared.spec.name) complete: \(status.done) done, \(status.failed) failed")
            if !flags.noTable {
                let table = try ResultTable(journal: prepared.journal, options: TableOptions(title: prepared.spec.name))
                print(table.render(.markdown), terminator: "")
            }
        }
    }
}
