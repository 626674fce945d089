import Foundation

/// A `mirrorsweep serve` process on a free loopback port, its log in a file.
final class ServeProcess {
    let process = Process()
    /// Where the sweep spec, the run directory and the log live; removed by ``remove()``.
    let directory: URL
    let logURL: URL

    /// Writes the spec and starts `serve` with warnings logged to a file.
    init(options: SwarmOptions) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-swarm-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let specURL = directory.appendingPathComponent("swarm-noop.yaml")
        try options.spec.write(to: specURL, atomically: true, encoding: .utf8)
        logURL = directory.appendingPathComponent("serve.log")
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw SwarmError.serve("cannot create \(logURL.path)")
        }
        process.executableURL = URL(fileURLWithPath: options.mirrorsweep!)
        process.arguments = [
            "serve", specURL.path, "--bind", "tcp://127.0.0.1:*", "--run-dir", directory.appendingPathComponent("run").path,
            "--heartbeat-interval", "\(options.heartbeatInterval)", "--heartbeat-liveness", "\(options.heartbeatLiveness)",
            "--no-table", "--log-level", "warning",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: logURL)
        try process.run()
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// Everything `serve` logged so far.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Waits up to `seconds` for the "listening on ENDPOINT" line and returns the endpoint.
    func endpoint(within seconds: Double) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            for line in log.split(separator: "\n") where line.hasPrefix("listening on ") {
                return String(line.dropFirst("listening on ".count))
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw SwarmError.serve("no 'listening on' line from mirrorsweep serve within \(seconds) s; log: \(log)")
    }

    /// CPU seconds (user + system) the process has used, from /proc/PID/stat; nil once it is gone.
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Deletes the spec, run directory and log.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Why the swarm could not measure.
enum SwarmError: Error, CustomStringConvertible {
    /// `mirrorsweep serve` did not start or ended badly.
    case serve(String)

    var description: String {
        switch self {
        case let .serve(message): return message
        }
    }
}
