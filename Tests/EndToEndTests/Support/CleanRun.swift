import Foundation
import Testing

/// A clean `mirrorsweep run` of a fixture's spec: the reference a run through faults must equal.
struct CleanRun {
    /// The CSV table.
    let table: String
    /// Each trial's result JSON without `wall_seconds`, by trial id.
    let results: [String: String]
    /// The mean training time of a trial in this build on this machine, in seconds.
    let meanTrialSeconds: Double

    /// Runs the spec of `fixture` with `workers` local workers, without any fault.
    init(_ fixture: SweepFixture, workers: Int = 2) throws {
        let directory = fixture.runDirectory("clean")
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--workers", "\(workers)", "--run-dir", directory, "--no-table"], timeout: .seconds(600))
        try #require(output.succeeded, "clean run failed: \(output.stderr)")
        table = try fixture.table(directory)
        results = try JournalRows(runDirectory: directory).resultsByID
        meanTrialSeconds = try JournalRows.meanTrialSeconds(runDirectory: directory)
    }

    /// Checks that the sweep in `runDirectory` recorded every trial once, as done, with the clean
    /// run's results and table; `replay` says how to run the failing case again. Returns the
    /// number of trials checked.
    @discardableResult
    func expectSame(_ runDirectory: String, of fixture: SweepFixture, replay: String) throws -> Int {
        let status = try fixture.status(runDirectory)
        #expect(status["total"] as? Int == results.count, "\(replay): status \(status)")
        #expect(status["done"] as? Int == results.count, "\(replay): status \(status)")
        #expect(status["failed"] as? Int == 0, "\(replay): status \(status)")
        #expect(status["pending"] as? Int == 0, "\(replay): status \(status)")
        #expect(status["running"] as? Int == 0, "\(replay): status \(status)")

        let journal = try JournalRows(runDirectory: runDirectory)
        #expect(journal.rows.count == results.count, "\(replay): \(journal.rows.count) journal rows for \(results.count) trials")
        #expect(journal.duplicateIDs.isEmpty, "\(replay): trials on several rows: \(journal.duplicateIDs)")
        let notDone = journal.rows.filter { $0.state != "done" }.map(\.id)
        #expect(notDone.isEmpty, "\(replay): trials not done: \(notDone)")
        let differing = journal.rows.filter { results[$0.id] != $0.result }.map(\.id)
        #expect(differing.isEmpty, "\(replay): results differing from the clean run's: \(differing)")

        let table = try fixture.table(runDirectory)
        #expect(table == self.table, "\(replay): the table differs from the clean run's:\n\(table)\nclean:\n\(self.table)")
        return journal.rows.count
    }
}
