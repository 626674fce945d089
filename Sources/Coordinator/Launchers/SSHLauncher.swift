import Core
import Foundation
import Logging

/// Starts one `mirrorsweep work` per host over `ssh`, streams each one's output into
/// `ssh-HOST.log`, restarts a host's worker when its ssh session ends while trials remain, and
/// stops them at the end.
///
/// Each host gets `ssh [sshArguments] -o BatchMode=yes -o ConnectTimeout=… HOST 'exec /bin/sh -c …'`
/// running `REMOTE work --connect ENDPOINT --slots S --worker-id ssh-HOST-N --exit-with-parent …`
/// (see ``SSHRemoteCommand``). The endpoint passed to ``start(endpoint:workerArguments:)`` must be
/// reachable from every host: bind the coordinator on an interface they can reach (e.g.
/// `tcp://0.0.0.0:5555`) and pass that address under a name they resolve
/// (``reachableEndpoint(bound:host:)``). Password prompts are off (`BatchMode`): log in by key.
///
/// Restarts: each host is one slot of a ``WorkerSupervisor``. A worker that ends while trials
/// remain (a dropped connection, a killed process) is replaced with back-off; the replacement
/// keeps the worker id, so the coordinator takes it as the same worker rejoining and hands its
/// trials out again at once, and it appends to the same log. A host whose workers fail
/// ``RestartPolicy/quickFailureLimit`` times in a row is given up, with its last error in the
/// log and the status line; the sweep goes on with the other hosts.
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
    private let policy: RestartPolicy
    let logger: Logger
    private var supervisor: WorkerSupervisor
    /// Each host's ssh session, by host index; nil while it has none.
    private var sessions: [SSHSession?]
    /// Each host's last error in a few words, for the status line.
    private var failures: [String?]
    private var restarted = 0
    private var active = false
    private var endpoint = ""
    private var workerArguments: [String] = []

    /// - Parameters:
    ///   - hosts: where to start workers, one each (see ``SSHHost/parse(_:defaultSlots:)``).
    ///   - remoteExecutable: the `mirrorsweep` binary on the hosts: an absolute path, a path
    ///     starting with `~/` (the remote home), or a name on the remote `PATH`.
    ///   - logDirectory: each host's ssh output goes to `ssh-HOST.log` here.
    ///   - sshArguments: put before the launcher's own options, so they win (ssh keeps the first
    ///     value of an option): `-p PORT`, `-i KEY`, `-o UserKnownHostsFile=…`, `-F FILE`, ….
    ///   - connectTimeout: seconds a host has to start its worker (also ssh's `ConnectTimeout`).
    ///   - policy: when ended workers are restarted, and when a host is given up.
    public init(
        hosts: [SSHHost], remoteExecutable: String, logDirectory: String, sshArguments: [String] = [],
        connectTimeout: Int = 30, policy: RestartPolicy = .init(), logger: Logger
    ) {
        self.hosts = hosts
        self.remoteExecutable = remoteExecutable
        self.logDirectory = logDirectory
        self.sshArguments = sshArguments
        self.connectTimeout = connectTimeout
        self.policy = policy
        self.logger = logger
        supervisor = WorkerSupervisor(slots: hosts.count, policy: policy)
        sessions = Array(repeating: nil, count: hosts.count)
        failures = Array(repeating: nil, count: hosts.count)
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
    /// Throws ``LauncherError/launcher(what:cause:)`` only when no host started its worker,
    /// naming every host's error (unreachable, refused key, missing executable, no answer within
    /// `connectTimeout`, …). When some host started, the others are logged and retried by
    /// ``supervise(now:trialsRemain:)`` with back-off, and given up if they keep failing.
    public func start(endpoint: String, workerArguments: [String]) throws(LauncherError) {
        guard !active else {
            throw .launcher(what: "start workers over ssh", cause: "they are already started; stop them first")
        }
        do {
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        } catch {
            throw .launcher(what: "create \(logDirectory)", cause: "\(error)")
        }
        warnIfUnreachable(endpoint)
        self.endpoint = endpoint
        self.workerArguments = workerArguments
        supervisor = WorkerSupervisor(slots: hosts.count, policy: policy)
        failures = Array(repeating: nil, count: hosts.count)
        restarted = 0
        active = true
        var startFailures: [String?] = Array(repeating: nil, count: hosts.count)
        let now = MonotonicClock.seconds()
        execute(supervisor.handle(.tick(at: now, trialsRemain: true)), now: now)
        for slot in hosts.indices where sessions[slot] == nil {
            startFailures[slot] = failures[slot]
        }
        while sessions.contains(where: { $0 != nil && $0?.reportedStarted == false }) {
            usleep(50_000)
            for (slot, failure) in observe(now: MonotonicClock.seconds(), trialsRemain: true) {
                startFailures[slot] = failure
            }
        }
        let failed = hosts.indices.compactMap { slot in startFailures[slot].map { (slot, $0) } }
        guard failed.count < hosts.count else {
            stop(grace: 0)
            throw .launcher(
                what: "start workers over ssh",
                cause: failed.map { "\(hosts[$0].destination): \($1) (log \(logPath($0)))" }.joined(separator: "; "))
        }
        for (slot, failure) in failed {
            logger.warning("could not start the worker on \(hosts[slot].destination): \(failure) (log \(logPath(slot))); retrying with back-off")
        }
        let started = hosts.indices.filter { startFailures[$0] == nil }.map { hosts[$0].description }
        logger.info("started \(started.count) of \(hosts.count) workers over ssh: \(started.joined(separator: ", "))")
    }

    /// Restarts the workers whose ssh session ended while trials remain, with back-off, and gives
    /// up a host whose workers keep failing; reports `ssh: 2/3 workers running, 1 restarted;
    /// gave up on node3 (…)`, and ``LauncherReport/gaveUp`` with each host's error once every
    /// host is given up (not fatal: workers may still be started by hand).
    public func supervise(now: Double, trialsRemain: Bool) -> LauncherReport {
        guard active else { return LauncherReport() }
        _ = observe(now: now, trialsRemain: trialsRemain)
        execute(supervisor.handle(.tick(at: now, trialsRemain: trialsRemain)), now: now)
        let status = self.status
        return LauncherReport(status: status.line, gaveUp: status.gaveUp)
    }

    /// Every host's state for the status line.
    var status: SSHLauncherStatus {
        let states = hosts.indices.map { slot -> SSHLauncherStatus.HostState in
            let failure = failures[slot] ?? ""
            switch supervisor.slots[slot] {
            case .givenUp: return .gaveUp(failure: failure)
            case .running: return .running
            case .idle: return .waiting
            case .starting, .waiting: return failures[slot] == nil ? .waiting : .restarting(failure: failure)
            }
        }
        return SSHLauncherStatus(
            hosts: zip(hosts, states).map { SSHLauncherStatus.Host(name: $0.host, state: $1) }, restarted: restarted)
    }

    /// Tells the supervisor which sessions started their worker, ended, or took longer than
    /// `connectTimeout` to start it (those are ended); returns why each failed start failed.
    private func observe(now: Double, trialsRemain: Bool) -> [(slot: Int, failure: String)] {
        var failedStarts: [(slot: Int, failure: String)] = []
        for slot in sessions.indices {
            guard let session = sessions[slot] else { continue }
            let running = session.isRunning
            if !session.reportedStarted {
                if session.workerStarted() {
                    session.reportedStarted = true
                    if session.replacing {
                        restarted += 1
                        logger.notice("restarted the worker on \(session.host.destination) as \(Self.workerID(host: session.host, index: slot))")
                    }
                    execute(supervisor.handle(.started(slot: slot, at: now)), now: now)
                } else if !running || session.age > Double(connectTimeout) {
                    end(session)
                    sessions[slot] = nil
                    let failure: String
                    if running {
                        failure = "the worker did not start within \(connectTimeout) s"
                        failures[slot] = failure
                    } else {
                        let ending = session.ending ?? "ended"
                        failure = "ssh ended (\(ending)) before the worker started: \(session.lastLines(3))"
                        failures[slot] = session.lastLines(1).isEmpty ? ending : session.lastLines(1)
                    }
                    failedStarts.append((slot, failure))
                    execute(supervisor.handle(.startFailed(slot: slot, at: now, reason: failure)), now: now)
                    continue
                }
            }
            guard session.reportedStarted, !running else { continue }
            sessions[slot] = nil
            let ending = session.ending ?? "ended"
            failures[slot] = ending
            if trialsRemain {
                logger.warning(
                    "the worker on \(session.host.destination) ended (\(ending)) while trials remain: \(session.lastLines(2)) (log \(session.logPath))")
            }
            execute(supervisor.handle(.ended(slot: slot, at: now, reason: "ssh ended (\(ending))")), now: now)
        }
        return failedStarts
    }

    /// Carries out the supervisor's directives.
    private func execute(_ directives: [WorkerSupervisorDirective], now: Double) {
        for directive in directives {
            switch directive {
            case let .start(slot, replacing):
                do {
                    sessions[slot] = try spawn(slot, replacing: replacing)
                } catch {
                    failures[slot] = error.description
                    execute(supervisor.handle(.startFailed(slot: slot, at: now, reason: error.description)), now: now)
                }
            case let .giveUp(slot, reason):
                let others = supervisor.isExhausted ? "no ssh host is left; start workers by hand" : "the sweep goes on with the other hosts"
                logger.error("giving up on ssh host \(hosts[slot].destination): \(reason) (log \(logPath(slot))); \(others)")
            }
        }
    }

    /// Starts the ssh session of host `slot`; a replacement's log gets a line saying so first.
    private func spawn(_ slot: Int, replacing: Bool) throws(LauncherError) -> SSHSession {
        let host = hosts[slot]
        let workerID = Self.workerID(host: host, index: slot)
        let command = SSHRemoteCommand.worker(
            executable: remoteExecutable,
            arguments: [
                "work", "--connect", endpoint, "--slots", "\(host.slots)", "--worker-id", workerID, "--exit-with-parent",
            ] + workerArguments)
        let session = try SSHSession(
            host: host, arguments: sshCommand(host: host, remote: command), logPath: logPath(slot),
            header: replacing ? "--- mirrorsweep: restarting worker \(workerID) at \(Date()) ---" : nil, replacing: replacing)
        logger.debug("ssh to \(host.destination) started for worker \(workerID)")
        return session
    }

    private func logPath(_ slot: Int) -> String { Self.logPath(host: hosts[slot], logDirectory: logDirectory) }

    /// Waits up to `grace` seconds for the workers to end, then closes the stdin of the ssh
    /// sessions left, so their workers get SIGTERM and say goodbye, then ends the ssh processes
    /// still running (SIGTERM, then SIGKILL), which ends their workers the same way. No worker is
    /// started afterwards.
    public func stop(grace: Double) {
        active = false
        let all = sessions.compactMap { $0 }
        sessions = sessions.map { _ in nil }
        guard !all.isEmpty else { return }
        Self.wait(for: all, seconds: grace)
        let left = all.filter(\.isRunning)
        for session in left { session.closeInput() }
        Self.wait(for: left, seconds: 10)
        for session in left where session.isRunning {
            logger.warning("the worker on \(session.host.destination) did not stop when asked; ending its ssh connection")
            session.signal(SIGTERM)
        }
        Self.wait(for: left, seconds: 2)
        for session in all { end(session) }
    }

    /// Ends `session`'s ssh process at once and reaps it.
    private func end(_ session: SSHSession) {
        session.closeInput()
        session.signal(SIGKILL)
        session.waitUntilExit()
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
