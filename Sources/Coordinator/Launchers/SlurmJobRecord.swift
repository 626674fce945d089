import Foundation
import JSON

/// The Slurm jobs of a run and the endpoint their workers connect to, kept in the run directory
/// (`slurm-jobs.json`) so that a resumed sweep binds the same endpoint and reuses live jobs.
public struct SlurmJobRecord: Codable, Sendable, Equatable {
    /// The endpoint the jobs' workers were told to connect to.
    public var endpoint: String
    /// The job ids submitted for this run, oldest first.
    public var jobs: [String]

    public init(endpoint: String, jobs: [String]) {
        self.endpoint = endpoint
        self.jobs = jobs
    }

    /// The record's file in `runDirectory`.
    public static func path(runDirectory: String) -> String {
        (runDirectory as NSString).appendingPathComponent("slurm-jobs.json")
    }

    /// The record of `runDirectory`, or nil when it has none.
    public static func load(runDirectory: String) throws(LauncherError) -> SlurmJobRecord? {
        let path = path(runDirectory: runDirectory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            return try JSONNodeDecoder.decode(SlurmJobRecord.self, from: bytes)
        } catch {
            throw .launcher(what: "read \(path)", cause: "\(error); delete it to submit new jobs")
        }
    }

    /// Writes the record into `runDirectory` as indented JSON with sorted keys, replacing the previous one.
    func save(runDirectory: String) throws(LauncherError) {
        let path = Self.path(runDirectory: runDirectory)
        do {
            let json = try JSONNodeEncoder.json(self, format: [.prettyPrinted, .sortedKeys])
            try Data(json).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .launcher(what: "write \(path)", cause: "\(error)")
        }
    }
}
