import Foundation

/// Where the digits set is read from when a trial's `data` field is not set.
///
/// The lookup, first match wins: the `data` field itself; `$MIRRORSWEEP_DATA/digits` when the
/// environment variable `MIRRORSWEEP_DATA` is set (it names the repository's `data` directory or a
/// copy of it); the first `data/digits` holding `digits.csv` in the running executable's directory
/// or one of its ancestors (so `.build/release/mirrorsweep` and the test runner find the
/// repository's copy).
public enum DigitsLocation {
    /// The environment variable naming the data root.
    public static let environmentVariable = "MIRRORSWEEP_DATA"

    /// The digits directory for a trial whose `data` field is `configured`.
    public static func directory(configured: String?) throws(CoreError) -> String {
        try directory(
            configured: configured, environment: ProcessInfo.processInfo.environment,
            executable: Bundle.main.executableURL?.resolvingSymlinksInPath().path)
    }

    /// The lookup with its inputs explicit; throws when nothing is found, naming every place tried.
    public static func directory(configured: String?, environment: [String: String], executable: String?) throws(CoreError) -> String {
        if let configured { return configured }
        if let root = environment[environmentVariable] {
            return URL(fileURLWithPath: root).appendingPathComponent("digits").path
        }
        var tried: [String] = []
        if let executable {
            var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            while true {
                let candidate = folder.appendingPathComponent("data").appendingPathComponent("digits")
                tried.append(candidate.path)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(ClassificationData.digitsFileName).path) {
                    return candidate.path
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        let searched = tried.isEmpty ? "no executable path to search from" : "searched " + tried.joined(separator: ", ")
        throw .dataFile(
            path: "data/digits/\(ClassificationData.digitsFileName)",
            reason: "not found: set the trial's data field to the directory holding \(ClassificationData.digitsFileName), or \(environmentVariable) to the repository's data directory; \(searched)")
    }
}
