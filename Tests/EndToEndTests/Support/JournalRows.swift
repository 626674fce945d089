import Foundation

/// The `trials` rows of a run directory's journal, read with the `sqlite3` shell, independently
/// of the coordinator's own code.
struct JournalRows {
    /// One row of the `trials` table.
    struct Row: Equatable {
        let id: String
        let state: String
        let attempts: Int
        /// The result JSON without `wall_seconds`, the one field that depends on the machine.
        let result: String
    }

    /// Every row, ordered by id.
    let rows: [Row]

    /// Reads the journal of `runDirectory`.
    init(runDirectory: String) throws {
        let path = (runDirectory as NSString).appendingPathComponent("journal.sqlite")
        let output = try HostCommand.run("sqlite3", [
            "-separator", "\t", path,
            "SELECT lower(hex(id)), state, attempts, coalesce(json_remove(result, '$.wall_seconds'), '') FROM trials ORDER BY id",
        ])
        rows = output.stdout.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            return Row(
                id: fields[0], state: fields.count > 1 ? fields[1] : "",
                attempts: fields.count > 2 ? Int(fields[2]) ?? -1 : -1, result: fields.count > 3 ? fields[3] : "")
        }
    }

    /// The results by trial id.
    var resultsByID: [String: String] {
        Dictionary(rows.map { ($0.id, $0.result) }, uniquingKeysWith: { first, _ in first })
    }

    /// Ids that appear on more than one row.
    var duplicateIDs: [String] {
        Dictionary(grouping: rows, by: \.id).filter { $0.value.count > 1 }.keys.sorted()
    }

    /// How many trials the journal of `runDirectory` lists, and how many of them are done; nil
    /// while there is no journal. Much cheaper than `mirrorsweep status`, for polling.
    static func counts(runDirectory: String) -> (total: Int, done: Int)? {
        let path = (runDirectory as NSString).appendingPathComponent("journal.sqlite")
        guard FileManager.default.fileExists(atPath: path),
              let output = try? HostCommand.run("sqlite3", [
                  "-separator", " ", path, "SELECT count(*), coalesce(sum(state = 'done'), 0) FROM trials",
              ])
        else { return nil }
        let numbers = output.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    /// The mean `wall_seconds` of the recorded results of `runDirectory`.
    static func meanTrialSeconds(runDirectory: String) throws -> Double {
        let path = (runDirectory as NSString).appendingPathComponent("journal.sqlite")
        let output = try HostCommand.run("sqlite3", [
            path, "SELECT avg(json_extract(result, '$.wall_seconds')) FROM trials WHERE state = 'done'",
        ])
        return Double(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}
