// Records results in a prepared run directory without workers, for the scale benchmark.
//
// Usage: mirrorsweep-journal-fill RUN_DIR EVERY
// Runs every pending trial of the current spec whose grid index is a multiple of EVERY with the
// core's `runTrial` in this process and commits the results through `Journal.record` in batches,
// as the coordinator does. Meant for the noop problem, whose trials take no time.
import Core
import Foundation
import Journaling
import Logging

let arguments = CommandLine.arguments
guard arguments.count == 3, let every = Int(arguments[2]), every >= 1 else {
    FileHandle.standardError.write(Data("usage: mirrorsweep-journal-fill RUN_DIR EVERY (an integer ≥ 1)\n".utf8))
    exit(2)
}
do {
    let journal = try Journal.open(runDirectory: arguments[1], logger: Logger(label: "journal-fill"))
    var batch: [JournalEntry] = []
    var recorded = 0
    for trial in try journal.pendingTrials() where trial.index % every == 0 {
        guard let config = trial.work.coreConfig else { continue }
        batch.append(.done(trialID: trial.id, result: try runTrial(config, seed: trial.seed), attempts: 1, worker: "fill"))
        if batch.count == 10_000 {
            recorded += try journal.record(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    recorded += try journal.record(batch)
    print("recorded \(recorded) trials in \(journal.path)")
} catch {
    FileHandle.standardError.write(Data("mirrorsweep-journal-fill: \(error)\n".utf8))
    exit(1)
}
