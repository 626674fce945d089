/// What an ``SSHLauncher`` says about its hosts: the progress line, and why it starts no more
/// workers once every host is given up. A pure value built from each host's state.
struct SSHLauncherStatus: Hashable, Sendable {
    /// How one host stands.
    enum HostState: Hashable, Sendable {
        /// Its worker runs.
        case running
        /// Its worker is being started for the first time, or ended when no trials remained.
        case waiting
        /// Its last worker ended or failed to start (`failure` says how); another one is coming.
        case restarting(failure: String)
        /// It gets no more workers; `failure` is its last error.
        case gaveUp(failure: String)
    }

    /// One host by name (``SSHHost/host``) and state.
    struct Host: Hashable, Sendable {
        var name: String
        var state: HostState
    }

    /// The hosts in the order of the host list.
    var hosts: [Host]
    /// Replacement workers that started.
    var restarted: Int

    /// `ssh: R/N workers running[, K restarted][; restarting h2 (why)][; gave up on h3 (why)]`.
    var line: String {
        var line = "ssh: \(hosts.count { $0.state == .running })/\(hosts.count) workers running"
        if restarted > 0 { line += ", \(restarted) restarted" }
        let restarting = hosts.compactMap { host in
            if case let .restarting(failure) = host.state { "\(host.name) (\(failure))" } else { nil }
        }
        if !restarting.isEmpty { line += "; restarting " + restarting.joined(separator: ", ") }
        if !gaveUpHosts.isEmpty { line += "; gave up on " + gaveUpHosts.joined(separator: ", ") }
        return line
    }

    /// Every host's last error once all of them are given up; nil while some host may get a worker.
    var gaveUp: String? {
        guard !hosts.isEmpty, gaveUpHosts.count == hosts.count else { return nil }
        return "gave up on every ssh host: " + gaveUpHosts.joined(separator: ", ")
    }

    private var gaveUpHosts: [String] {
        hosts.compactMap { host in
            if case let .gaveUp(failure) = host.state { "\(host.name) (\(failure))" } else { nil }
        }
    }
}
