import Foundation
import Logging

/// Starts one `mirrorsweep work` per host over `ssh`, streams each one's output into
/// `ssh-HOST.log`, and stops them at the end.
///
/// Each host gets `ssh [sshArguments] -o BatchMode=yes -o ConnectTimeout=… HOST 'exec /bin/sh -c …'`
/// running `REMOTE work --connect ENDPOINT --slots S --worker-id ssh-HOST-N --exit-with-parent …`
/// (see ``SSHRemoteCommand``). The endpoint passed to ``start(endpoint:workerArguments:)`` must be
/// reachable from every host: bind the coordinator on an interface they can reach (e.g.
/// `tcp://0.0.0.0:5555`) and pass that address under a name they resolve
/// (``reachableEndpoint(bound:host:)``). Password prompts are off (`BatchMode`): log in by key.
///
/// Stopping: workers normally exit when the coordinator shuts them down, and their ssh ends. The
/// remote script sends its worker SIGTERM when ssh's stdin ends, which the launcher holds open:
/// ``stop(grace:)`` closes it for the workers still running, and a dropped connection or a
/// coordinator that dies closes it too, so no worker outlives its ssh session.
public final class SSHLauncher: WorkerLauncher {
    let hosts: [SSHHost]
    private let remoteExecutable: String
    private let logDirectory: String
    private let sshArguments: [String]
    private let connectTimeout: Int
    let logger: Logger
    private var sessions: [SSHSession] = []

    /// - Parameters:
    ///   - hosts: where to start workers, one each (see ``SSHHost/parse(_:defaultSlots:)``).
    ///   - remoteExecutable: the `mirrorsweep` binary on the hosts: an absolute path, a path
    ///     starting with `~/` (the remote home), or a name on the remote `PATH`.
    ///   - logDirectory: each host's ssh output goes to `ssh-HOST.log` here.
    ///   - sshArguments: put before the launcher's own options, so they win (ssh keeps the first
    ///     value of an option): `-p PORT`, `-i KEY`, `-o UserKnownHostsFile=…`, `-F FILE`, ….
    ///   - connectTimeout: seconds ``start(endpoint:workerArguments:)`` waits for each host to
    ///     start its worker (also ssh's `ConnectTimeout`).
    public init(
        hosts: [SSHHost], remoteExecutable: String, logDirectory: String, sshArguments: [String] = [],
        connectTimeout: Int = 30, logger: Logger
    ) {
        self.hosts = hosts
        self.remoteExecutable = remoteExecutable
        self.logDirectory = logDirectory
        self.sshArguments = sshArguments
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// The worker id of the `index`-th host, as the journal records it.
    public static func workerID(host: SSHHost, index: Int) -> String { "ssh-\(host.host)-\(index)" }

    /// The log file of `host` in `logDirectory`.
    public static func logPath(host: SSHHost, logDirectory: String) -> String {
        let name = String(host.host.map { $0 == ":" ? "_" : $0 })
        return (logDirectory as NSString).appendingPathComponent("ssh-\(name).log")
    }

    /// Starts a worker on every host and waits until each has started or failed.
    ///
    /// Throws ``CoordinatorError/launcher(what:cause:)`` naming every host whose ssh ended
    /// before its worker started (unreachable, refused key, missing executable, …) or that did
    /// not answer within `connectTimeout`; the workers already started are then stopped.
    public func start(endpoint: String, workerArguments: [String]) throws(CoordinatorError) {
        guard sessions.isEmpty else {
            throw .launcher(what: "start workers over ssh", cause: "they are already started; stop them first")
        }
        do {
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        } catch {
            throw .launcher(what: "create \(logDirectory)", cause: "\(error)")
        }
        warnIfUnreachable(endpoint)
        for (index, host) in hosts.enumerated() {
            let command = SSHRemoteCommand.worker(
                executable: remoteExecutable,
                arguments: [
                    "work", "--connect", endpoint, "--slots", "\(host.slots)",
                    "--worker-id", Self.workerID(host: host, index: index), "--exit-with-parent",
                ] + workerArguments)
            let session: SSHSession
            do {
                session = try SSHSession(
                    host: host, arguments: sshCommand(host: host, remote: command),
                    logPath: Self.logPath(host: host, logDirectory: logDirectory))
            } catch {
                stop(grace: 0)
                throw error
            }
            logger.debug("ssh to \(host.destination) started for worker \(Self.workerID(host: host, index: index))")
            sessions.append(session)
        }
        let failures = awaitStart()
        guard failures.isEmpty else {
            stop(grace: 0)
            throw .launcher(what: "start workers over ssh", cause: failures.joined(separator: "; "))
        }
        logger.info("started \(sessions.count) workers over ssh: \(hosts.map(\.description).joined(separator: ", "))")
    }

    /// Waits until every session has started its worker or ended; returns what went wrong where.
    private func awaitStart() -> [String] {
        let deadline = Date().addingTimeInterval(Double(connectTimeout))
        var waiting = Set(sessions.indices)
        var failures: [String] = []
        while !waiting.isEmpty {
            for index in waiting.sorted() {
                let session = sessions[index]
                let running = session.isRunning
                if session.workerStarted() {
                    waiting.remove(index)
                } else if !running {
                    waiting.remove(index)
                    failures.append(
                        "\(session.host.destination): ssh ended (\(session.ending ?? "")) before the worker started: "
                            + "\(session.lastLines(3)) (log \(session.logPath))")
                }
            }
            if Date() >= deadline {
                for index in waiting.sorted() {
                    failures.append("\(sessions[index].host.destination): the worker did not start within \(connectTimeout) s (log \(sessions[index].logPath))")
                }
                break
            }
            if !waiting.isEmpty { usleep(50_000) }
        }
        return failures
    }

    /// Reports the workers' state; ended workers are not replaced yet.
    public func supervise(now: Double, trialsRemain: Bool) -> LauncherReport {
        LauncherReport(status: statusLine())
    }

    /// Workers still running out of all started, and the hosts whose ssh has ended.
    ///
    /// An ssh that ends with an error while the sweep runs is also logged once, as a warning.
    public func statusLine() -> String? {
        guard !sessions.isEmpty else { return nil }
        let ended = sessions.filter { !$0.isRunning }
        for session in ended where !session.endReported {
            session.endReported = true
            if !session.endedCleanly {
                logger.warning(
                    "the worker on \(session.host.destination) ended (\(session.ending ?? "")): \(session.lastLines(2)) (log \(session.logPath))")
            }
        }
        var line = "ssh: \(sessions.count - ended.count)/\(sessions.count) workers running"
        if !ended.isEmpty {
            line += "; ended on " + ended.map { "\($0.host.host) (\($0.ending ?? ""))" }.joined(separator: ", ")
        }
        return line
    }

    /// Waits up to `grace` seconds for the workers to end, then closes the stdin of the ssh
    /// sessions left, so their workers get SIGTERM and say goodbye, then ends the ssh processes
    /// still running (SIGTERM, then SIGKILL), which ends their workers the same way.
    public func stop(grace: Double) {
        guard !sessions.isEmpty else { return }
        Self.wait(for: sessions, seconds: grace)
        let left = sessions.filter(\.isRunning)
        for session in left { session.closeInput() }
        Self.wait(for: left, seconds: 10)
        for session in left where session.isRunning {
            logger.warning("the worker on \(session.host.destination) did not stop when asked; ending its ssh connection")
            session.signal(SIGTERM)
        }
        Self.wait(for: left, seconds: 2)
        for session in sessions {
            session.signal(SIGKILL)
            session.waitUntilExit()
        }
        sessions.removeAll()
    }

    /// The ssh arguments that run `remote` on `host`.
    private func sshCommand(host: SSHHost, remote: String) -> [String] {
        sshArguments + ["-o", "BatchMode=yes", "-o", "ConnectTimeout=\(connectTimeout)", host.destination, remote]
    }

    /// Polls until none of `sessions` runs or `seconds` have passed.
    private static func wait(for sessions: [SSHSession], seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while sessions.contains(where: \.isRunning) && Date() < deadline { usleep(20_000) }
    }
}
