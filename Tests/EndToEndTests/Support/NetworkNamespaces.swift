import Foundation

/// Two hosts on one machine: network namespaces for a coordinator and for workers, joined by a
/// veth pair (10.77.0.1/24 on the coordinator's end, 10.77.0.2/24 on the workers'). Needs root.
///
/// Names carry a random tag, so runs at the same time do not meet. ``remove()`` kills every
/// process left in the namespaces and deletes them (the veth pair goes with them).
final class NetworkNamespaces {
    /// The coordinator host's namespace.
    let coordinatorHost: String
    /// The worker host's namespace.
    let workerHost: String
    /// The coordinator host's address on the link.
    let coordinatorAddress = "10.77.0.1"
    private let coordinatorLink: String
    private let workerLink: String
    private var created: [String] = []

    /// Whether this process can create network namespaces: root with iproute2, where a probe
    /// namespace can be added and deleted.
    static let available: Bool = {
        guard getuid() == 0, HostCommand.find("ip") != nil else { return false }
        let probe = "msprobe-\(UUID().uuidString.prefix(8))"
        guard (try? HostCommand.run("ip", ["netns", "add", probe])) != nil else { return false }
        return (try? HostCommand.run("ip", ["netns", "del", probe])) != nil
    }()

    /// Creates both namespaces and the link between them, up; on failure removes what it made.
    init() throws {
        let tag = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8)
        coordinatorHost = "ms-c-\(tag)"
        workerHost = "ms-w-\(tag)"
        coordinatorLink = "msc\(tag)"
        workerLink = "msw\(tag)"
        do {
            for host in [coordinatorHost, workerHost] {
                try HostCommand.run("ip", ["netns", "add", host])
                created.append(host)
                try HostCommand.run("ip", ["-n", host, "link", "set", "lo", "up"])
            }
            try HostCommand.run("ip", [
                "link", "add", coordinatorLink, "netns", coordinatorHost, "type", "veth", "peer", "name", workerLink, "netns", workerHost,
            ])
            try HostCommand.run("ip", ["-n", coordinatorHost, "address", "add", "\(coordinatorAddress)/24", "dev", coordinatorLink])
            try HostCommand.run("ip", ["-n", workerHost, "address", "add", "10.77.0.2/24", "dev", workerLink])
            try HostCommand.run("ip", ["-n", coordinatorHost, "link", "set", coordinatorLink, "up"])
            try restore()
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// The command prefix that runs a program inside `host` (for ``MirrorSweepBinary/start(_:environment:wrapper:)``).
    func wrapper(for host: String) throws -> [String] {
        guard let ip = HostCommand.find("ip") else { throw HostCommandError(command: ["ip"], output: nil) }
        return [ip, "netns", "exec", host]
    }

    /// Cuts the link: the worker host's end goes down, and nothing passes either way.
    func cut() throws {
        try HostCommand.run("ip", ["-n", workerHost, "link", "set", workerLink, "down"])
    }

    /// Restores the link (its address and route come back with it).
    func restore() throws {
        try HostCommand.run("ip", ["-n", workerHost, "link", "set", workerLink, "up"])
    }

    /// Kills what still runs in the namespaces and deletes them; safe to call more than once.
    func remove() {
        for host in created {
            let pids = (try? HostCommand.run("ip", ["netns", "pids", host]))?.stdout.split(separator: "\n") ?? []
            for pid in pids.compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
            _ = try? HostCommand.run("ip", ["netns", "del", host])
        }
        created.removeAll()
    }
}
