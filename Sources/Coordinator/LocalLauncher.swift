import Foundation
import Logging

/// Starts `mirrorsweep work` processes on this machine and stops them at the end.
public final class LocalLauncher: WorkerLauncher {
    private let executable: String
    private let logDirectory: String
    private let count: Int
    private let slots: Int
    private let logger: Logger
    private var processes: [Process] = []

    /// - Parameters:
    ///   - executable: the `mirrorsweep` binary to start.
    ///   - logDirectory: each worker writes its log to `worker-N.log` here.
    ///   - count: how many worker processes ``start(endpoint:workerArguments:)`` starts.
    ///   - slots: training threads per worker.
    public init(executable: String, logDirectory: String, count: Int, slots: Int = 1, logger: Logger) {
        self.executable = executable
        self.logDirectory = logDirectory
        self.count = count
        self.slots = slots
        self.logger = logger
    }

    /// Starts `count` more workers connecting to `endpoint`, each with `slots` training threads.
    public func start(endpoint: String, workerArguments: [String]) throws(CoordinatorError) {
        do {
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        } catch {
            throw .launcher(what: "create \(logDirectory)", cause: "\(error)")
        }
        let first = processes.count
        for index in first..<(first + count) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "work", "--connect", endpoint, "--slots", "\(slots)",
                "--worker-id", "local-\(ProcessInfo.processInfo.processIdentifier)-\(index)", "--exit-with-parent",
            ] + workerArguments
            let logPath = (logDirectory as NSString).appendingPathComponent("worker-\(index).log")
            guard FileManager.default.fileExists(atPath: logPath) || FileManager.default.createFile(atPath: logPath, contents: nil),
                  let log = FileHandle(forWritingAtPath: logPath) else {
                throw .launcher(what: "open \(logPath)", cause: "cannot write")
            }
            log.seekToEndOfFile()
            process.standardOutput = log
            process.standardError = log
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw .launcher(what: "start \(executable) work", cause: "\(error)")
            }
            logger.debug("started worker \(index) (pid \(process.processIdentifier))")
            processes.append(process)
        }
    }

    /// Process ids of the workers started so far.
    public var pids: [Int32] { processes.map(\.processIdentifier) }

    /// Local workers have no state beyond their count, which the progress line shows.
    public func statusLine() -> String? { nil }

    /// Waits up to `grace` seconds for the workers to exit, then sends SIGTERM, then SIGKILL.
    public func stop(grace: Double) {
        let deadline = Date().addingTimeInterval(grace)
        while processes.contains(where: \.isRunning) && Date() < deadline { usleep(20_000) }
        for p in processes where p.isRunning { p.terminate() }
        let killAt = Date().addingTimeInterval(2)
        while processes.contains(where: \.isRunning) && Date() < killAt { usleep(20_000) }
        for p in processes where p.isRunning { kill(p.processIdentifier, SIGKILL) }
        for p in processes { p.waitUntilExit() }
        processes.removeAll()
    }
}
