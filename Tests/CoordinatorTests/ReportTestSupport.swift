import Foundation

/// External programs some tests use when installed (chromium, pdflatex); tests needing one skip
/// themselves when it is absent.
enum ExternalTool {
    /// The absolute path of `name` on `PATH`, nil when not installed.
    static func path(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool` with `arguments` in `directory` and returns its exit status, stdout and stderr.
    static func run(_ tool: String, _ arguments: [String], in directory: String) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errorFile = (directory as NSString).appendingPathComponent("stderr-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(atPath: errorFile, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        let errorText = try String(contentsOfFile: errorFile, encoding: .utf8)
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), errorText)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("mirrorsweep-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
