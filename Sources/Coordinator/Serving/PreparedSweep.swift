import Foundation
import Journaling
import Logging
import SweepSpecs

/// A sweep ready to serve: its spec loaded and expanded, its journal opened and registered.
///
/// Registering again with the same spec adds nothing; with a changed spec, new grid points are
/// added and recorded trials are reused by id.
public struct PreparedSweep: Sendable {
    public let spec: SweepSpec
    public let journal: Journal
    public let runDirectory: String
    /// This process's hold on the run directory, released when the process ends.
    public let lock: RunDirectoryLock
    /// Grid points new to the journal.
    public let added: Int
    /// Grid points the journal already held (recorded or not).
    public let existing: Int
    /// The trials of the spec not yet recorded, in grid order.
    public let pending: [TrialSpec]
    /// The attempts earlier coordinators made of pending trials, by trial id, for those with any.
    public let priorAttempts: [String: Int]
    /// What registering the spec changed in the journal: new trials, trials that left the spec.
    public let registration: JournalRegistration
    /// Failed trials returned to pending (`retryFailed`).
    public let retried: Int

    /// The default run directory of a spec: `runs/<name>` under the current directory.
    public static func defaultRunDirectory(for spec: SweepSpec) -> String {
        "runs/\(spec.name)"
    }

    /// Loads the spec at `specPath`, takes the ``RunDirectoryLock`` of `runDirectory` (default
    /// ``defaultRunDirectory(for:)``) for `command`, opens the journal there and registers the grid.
    /// A run directory without a journal gets one written whole (``Journal/create(runDirectory:toolVersion:spec:specText:trials:gridAxes:logger:)``).
    /// With `retryFailed`, the failed trials of the spec it selects go back to pending first
    /// (``Journal/retryFailed(matching:)``); a field it names that the trials lack is refused
    /// before anything is written.
    public static func prepare(
        specPath: String, runDirectory: String?, toolVersion: String, command: String, retryFailed: TrialFilter? = nil,
        logger: Logger
    ) throws -> PreparedSweep {
        let spec = try SweepSpec.load(path: specPath)
        if let retryFailed {
            let allowed = TrialFilter.fields(axisNames: spec.axisNames, isCommand: spec.command != nil)
            if let unknown = retryFailed.unknownFields(allowed: allowed).first {
                throw JournalError.unknownFilterField(field: unknown, allowed: allowed)
            }
        }
        var trials = try spec.expand()
        let directory = runDirectory ?? defaultRunDirectory(for: spec)
        try JournalFileCheck.prepareRunDirectory(directory)
        let lock = try RunDirectoryLock.acquire(runDirectory: directory, command: command)
        let journal: Journal
        let counts: JournalRegistration
        var recorded: [Bool] = []
        var retried = 0
        var priorAttempts: [String: Int] = [:]
        if Journal.isAbsent(runDirectory: directory) {
            let created = try Journal.create(
                runDirectory: directory, toolVersion: toolVersion, spec: spec.name, specText: try specText(specPath), trials: trials,
                gridAxes: spec.axisNames, logger: logger)
            journal = created.journal
            counts = JournalRegistration(added: created.added, existing: created.existing)
        } else {
            journal = try Journal.open(runDirectory: directory, toolVersion: toolVersion, logger: logger)
            if let existing = try journal.sweep(), existing.name != spec.name {
                throw JournalError.journalOfOtherSweep(path: journal.path, found: existing.name, expected: spec.name)
            }
            counts = try journal.registerChanges(spec: spec.name, specText: try specText(specPath), trials: trials, gridAxes: spec.axisNames)
            if let retryFailed { retried = try journal.retryFailed(matching: retryFailed) }
            recorded = try journal.recordedGridIndexes(below: trials.count)
            priorAttempts = try journal.priorAttempts()
        }
        logger.info("sweep \(spec.name): \(trials.count) trials, \(counts.added) new, \(counts.existing) already in \(journal.path)")
        if recorded.contains(true) { trials.removeAll { $0.index >= 0 && $0.index < recorded.count && recorded[$0.index] } }
        return PreparedSweep(
            spec: spec, journal: journal, runDirectory: directory, lock: lock, added: counts.added, existing: counts.existing,
            pending: trials, priorAttempts: priorAttempts, registration: counts, retried: retried)
    }

    /// The text of the spec at `path`, as registered in the journal.
    private static func specText(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SpecError.specUnreadable(path: path, reason: error.localizedDescription)
        }
    }
}
