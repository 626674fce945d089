import Foundation
import Logging

/// A sweep ready to serve: its spec loaded and expanded, its journal opened and registered.
///
/// Registering again with the same spec adds nothing; with a changed spec, new grid points are
/// added and recorded trials are reused by id.
public struct PreparedSweep: Sendable {
    public let spec: SweepSpec
    public let journal: Journal
    public let runDirectory: String
    /// Grid points new to the journal.
    public let added: Int
    /// Grid points the journal already held (recorded or not).
    public let existing: Int
    /// The trials of the spec not yet recorded, in grid order.
    public let pending: [TrialSpec]

    /// The default run directory of a spec: `runs/<name>` under the current directory.
    public static func defaultRunDirectory(for spec: SweepSpec) -> String {
        "runs/\(spec.name)"
    }

    /// Loads the spec at `specPath`, opens the journal in `runDirectory` (default
    /// ``defaultRunDirectory(for:)``) and registers the grid.
    public static func prepare(
        specPath: String, runDirectory: String?, toolVersion: String, logger: Logger
    ) throws -> PreparedSweep {
        let spec = try SweepSpec.load(path: specPath)
        let trials = try spec.expand()
        let directory = runDirectory ?? defaultRunDirectory(for: spec)
        let journal = try Journal.open(runDirectory: directory, toolVersion: toolVersion, logger: logger)
        if let existing = try journal.sweep(), existing.name != spec.name {
            throw CoordinatorError.journalOfOtherSweep(path: journal.path, found: existing.name, expected: spec.name)
        }
        let text: String
        do {
            text = try String(contentsOfFile: specPath, encoding: .utf8)
        } catch {
            throw CoordinatorError.specUnreadable(path: specPath, reason: error.localizedDescription)
        }
        let counts = try journal.register(spec: spec.name, specText: text, trials: trials)
        logger.info("sweep \(spec.name): \(trials.count) trials, \(counts.added) new, \(counts.existing) already in \(journal.path)")
        let recorded = try journal.recordedIDs()
        return PreparedSweep(
            spec: spec, journal: journal, runDirectory: directory, added: counts.added, existing: counts.existing,
            pending: trials.filter { !recorded.contains($0.id) })
    }
}
