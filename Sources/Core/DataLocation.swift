import Foundation

/// Where a data set shipped in the repository's `data` directory (`digits`, `mnist1d`) is read
/// from.
///
/// The lookup, first match wins: the trial's `data` field itself; `$MIRRORSWEEP_DATA/NAME` when
/// the environment variable `MIRRORSWEEP_DATA` is set (it names the repository's `data` directory
/// or a copy of it); the first `data/NAME` holding the set's marker file in the running
/// executable's directory or one of its ancestors (so `.build/release/mirrorsweep` and the test
/// runner find the repository's copy).
public enum DataLocation {
    /// The environment variable naming the data root.
    public static let environmentVariable = "MIRRORSWEEP_DATA"

    /// The directory of the data set `name`, recognized by the file `marker` inside it, for a
    /// trial whose `data` field is `configured`.
    public static func directory(name: String, marker: String, configured: String?) throws(CoreError) -> String {
        try directory(
            name: name, marker: marker, configured: configured, environment: ProcessInfo.processInfo.environment,
            executable: Bundle.main.executableURL?.resolvingSymlinksInPath().path)
    }

    /// The lookup with its inputs explicit; throws when nothing is found, naming every place tried.
    public static func directory(
        name: String, marker: String, configured: String?, environment: [String: String], executable: String?
    ) throws(CoreError) -> String {
        if let configured { return configured }
        if let root = environment[environmentVariable] {
            return URL(fileURLWithPath: root).appendingPathComponent(name).path
        }
        var tried: [String] = []
        if let executable {
            var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            while true {
                let candidate = folder.appendingPathComponent("data").appendingPathComponent(name)
                tried.append(candidate.path)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
                    return candidate.path
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        let searched = tried.isEmpty ? "no executable path to search from" : "searched " + tried.joined(separator: ", ")
        throw .dataFile(
            path: "data/\(name)/\(marker)",
            reason: "not found: set the trial's data field to the directory holding \(marker), or \(environmentVariable) to the repository's data directory; \(searched)")
    }
}
