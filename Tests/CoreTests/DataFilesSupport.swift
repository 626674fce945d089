import Core
import Foundation
import Testing

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mirrorsweep-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` inside the directory.
    func write(_ text: String, to name: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    /// Writes raw bytes to `name` inside the directory.
    func write(bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `python3` with numpy, for the interoperability tests.
enum NumPy {
    /// True when `python3 -c 'import numpy'` succeeds.
    static let isAvailable: Bool = (try? run("import numpy")) != nil

    /// Runs a Python program; returns its stdout, or throws when it exits non-zero.
    @discardableResult
    static func run(_ program: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonFailure(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    struct PythonFailure: Error, CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "python3 exited with \(status): \(stderr)" }
    }
}

/// Expects `body` to throw a ``CoreError`` whose description contains every one of `fragments`.
func expectCoreError(
    containing fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(CoreError) -> Void
) {
    do {
        try body()
        Issue.record("expected a CoreError containing \(fragments)", sourceLocation: sourceLocation)
    } catch {
        for fragment in fragments {
            #expect(error.description.contains(fragment), "\(error.description) lacks '\(fragment)'", sourceLocation: sourceLocation)
        }
    }
}
