import Core
import ArgumentParser
import Dashboard
import Foundation
import Journaling
import Launchers
import Logging
import Reporting
import Serving
import ZeroMQ

/// What `run` and `serve` share: prepare the sweep, serve it, print the table.
enum SweepService {
    /// Prepares `specPath`, binds `bind` (or `fallbackBind` when `bind` fails), serving only the
    /// workers `curve` allows when given, calls `launch` with the bound endpoint, serves until
    /// done or stopped while `launcher()` keeps its workers running (its status beside the
    /// progress), then calls `cleanup` and prints the table when every trial is recorded.
    ///
    /// Pending trials with no worker connected for longer than the liveness time are reported on
    /// the progress line and in the log (again when the launcher gives up meanwhile), with the
    /// launcher's reason or how to start a worker. A
    /// launcher's fatal error stops serving and is thrown.
    static func serve(
        specPath: String, bind: String, fallbackBind: String? = nil, curve: CurveServerKeys?, flags: CoordinatorFlags,
        logger: Logger, launcher: () -> WorkerLauncher? = { nil }, launch: (PreparedSweep, String) throws -> Void,
        cleanup: () -> Void
    ) throws {
        let prepared: PreparedSweep
        do {
            prepared = try PreparedSweep.prepare(
                specPath: specPath, runDirectory: flags.runDir, toolVersion: MirrorSweep.version,
                command: CommandLine.arguments.joined(separator: " "), retryFailed: try flags.retryFilter(), logger: logger)
        } catch let error as JournalError {
            guard case .unknownFilterField = error else { throw error }
            throw ValidationError(error.description)
        }
        noteChanges(prepared, retrying: flags.retryFailed, logger: logger)
        let dashboard = try startDashboard(flags, runDirectory: prepared.runDirectory, logger: logger)
        defer { dashboard?.stop() }
        let runID = "\(prepared.spec.name)-\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let server: CoordinatorServer
        do {
            server = try CoordinatorServer(
                journal: prepared.journal, pending: prepared.pending, priorAttempts: prepared.priorAttempts,
                options: flags.options(bind: bind, runID: runID, curve: curve), logger: logger)
        } catch let error as ServingError {
            guard let fallbackBind else { throw error }
            logger.warning("\(error); binding \(fallbackBind) instead")
            server = try CoordinatorServer(
                journal: prepared.journal, pending: prepared.pending, priorAttempts: prepared.priorAttempts,
                options: flags.options(bind: fallbackBind, runID: runID, curve: curve), logger: logger)
        }
        logger.info("serving \(prepared.spec.name) on \(server.endpoint); journal in \(prepared.runDirectory)")
        let stop = StopSignal()
        SignalTrap.install(raising: stop)
        defer { cleanup() }
        if !prepared.pending.isEmpty {
            try launch(prepared, server.endpoint)
        }
        let printer = ProgressPrinter()
        var idle = IdleWatch(after: flags.options(bind: bind, runID: runID, curve: curve).scheduler.deadAfter)
        var fatal: LauncherError?
        var loggedGaveUp: String?
        let outcome = try server.run(stop: stop, progress: { progress in
            let now = MonotonicClock.seconds()
            let report = launcher()?.supervise(now: now, trialsRemain: progress.pending + progress.running > 0)
            var status = report?.status
            if let notice = idle.observe(progress, now: now) {
                let line = idleLine(notice, report: report, endpoint: server.endpoint, curve: curve != nil)
                if case .idle(_, true) = notice {
                    logger.warning("\(line)")
                    loggedGaveUp = report?.gaveUp
                } else if let gaveUp = report?.gaveUp, gaveUp != loggedGaveUp {
                    logger.warning("\(line)")
                    loggedGaveUp = gaveUp
                }
                status = [status, line].compactMap { $0 }.joined(separator: " | ")
            }
            printer.update(progress, status: status)
            if fatal == nil, let error = report?.fatal {
                fatal = error
                stop.raise()
            }
        })
        printer.finish()
        cleanup()
        if let fatal {
            logger.error("stopping the sweep: \(fatal)")
            throw fatal
        }
        switch outcome {
        case .stopped:
            logger.notice("stopped; run the same command again to resume")
            throw ExitCode(130)
        case let .failedFast(message, attempts):
            logger.error(
                "stopped early: the sweep's first \(attempts) failed attempts all failed with: \(message); fix the cause, or give --no-fail-fast to go on regardless")
            try explainFailures(prepared, specPath: specPath, logger: logger)
        case .finished:
            let status = try SweepStatus.load(runDirectory: prepared.runDirectory, logger: logger)
            logger.info("sweep \(prepared.spec.name) complete: \(status.done) done, \(status.failed) failed")
            if !flags.noTable {
                let table = try ResultTable(journal: prepared.journal, options: TableOptions(title: prepared.spec.name))
                print(table.render(.markdown), terminator: "")
            }
            try explainFailures(prepared, specPath: specPath, logger: logger)
        }
    }

    /// Starts the `--dashboard` server on the run directory, when asked; says where it is, and
    /// warns when it listens beyond this machine.
    static func startDashboard(_ flags: CoordinatorFlags, runDirectory: String, logger: Logger) throws -> DashboardServer? {
        guard let address = try flags.dashboardAddress() else { return nil }
        if BindScope(endpoint: "tcp://\(address)") == .network {
            logger.warning("--dashboard \(address): anyone who reaches it can read the sweep's results and logs (read-only)")
        }
        let server = try DashboardServer(address: address, runDirectory: runDirectory, logger: logger)
        FileHandle.standardError.write(Data("dashboard at \(server.url)\n".utf8))
        return server
    }

    /// Says what registering the spec changed (trials new to the journal, recorded trials no
    /// longer in the spec) when the spec changed, and how many failed trials `--retry-failed`
    /// returned to pending.
    static func noteChanges(_ prepared: PreparedSweep, retrying: Bool, logger: Logger) {
        let change = prepared.registration
        if change.specChanged && (change.added > 0 || change.left > 0) {
            var line = "the spec changed since it was last registered in \(prepared.runDirectory): \(change.added) new trial\(change.added == 1 ? "" : "s")"
            if change.left > 0 {
                line += "; \(change.left) trial\(change.left == 1 ? "" : "s") of the earlier spec (\(change.leftRecorded) recorded) "
                    + "\(change.left == 1 ? "is" : "are") no longer in it: they stay in the journal (NULL grid_index, "
                    + "docs/JOURNAL.md), left out of tables, status and report; `mirrorsweep table \(prepared.runDirectory) --all` shows them "
                    + "beside the current ones, with the fields that differ as columns"
            }
            logger.notice("\(line)")
        }
        if retrying {
            logger.notice("--retry-failed: returned \(prepared.retried) failed trial\(prepared.retried == 1 ? "" : "s") to pending")
        }
    }

    /// When trials of the current spec are recorded as failed, says how many and how to see why,
    /// and exits with ``CoordinatorFlags/failedTrialsExitCode``.
    static func explainFailures(_ prepared: PreparedSweep, specPath: String, logger: Logger) throws {
        let counts = try prepared.journal.counts()
        guard counts.failed > 0 else { return }
        let example = try prepared.journal.failedTrialIDs(limit: 1).first.map { String($0.prefix(12)) } ?? "TRIAL_ID"
        let directory = prepared.runDirectory
        logger.error("""
            \(counts.failed) of \(counts.total) trials failed. See why: mirrorsweep logs \(directory) \(example) \
            (one trial; --all for every attempt), mirrorsweep report \(directory) (every failure). \
            After fixing the cause, run them again: mirrorsweep run \(specPath) --retry-failed
            """)
        throw ExitCode(CoordinatorFlags.failedTrialsExitCode)
    }

    /// The progress line's part for trials pending with no worker connected: why no worker comes
    /// (the launcher gave up), or how to start one by hand.
    static func idleLine(_ notice: IdleWatch.Notice, report: LauncherReport?, endpoint: String, curve: Bool) -> String {
        guard case let .idle(seconds, _) = notice else { return "" }
        let head = "no live worker for \(ProgressPrinter.duration(seconds))"
        if let gaveUp = report?.gaveUp { return "\(head): \(gaveUp)" }
        let keys = curve ? " --server-public-key COORDINATOR.public --secret-key WORKER.secret" : ""
        return "\(head); start one with: mirrorsweep work --connect \(endpoint)\(keys)"
    }
}
