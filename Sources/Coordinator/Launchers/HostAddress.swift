import Foundation
import Logging

/// Addresses of this machine as other machines reach them, for binding the coordinator.
public enum HostAddress {
    /// The IPv4 address of this machine that the Slurm cluster's compute nodes reach: the source
    /// address of the route to the controller host named by `scontrol show config`, or the
    /// address of this host's name when Slurm gives none.
    public static func forSlurmWorkers(logger: Logger) throws(LauncherError) -> String {
        if let config = try? SlurmCommand.run("scontrol", ["show", "config"]), let controller = controllerHost(config: config) {
            let address = try sourceAddress(toward: controller)
            logger.debug("route to slurmctld host \(controller) leaves from \(address)")
            return address
        }
        let name = ProcessInfo.processInfo.hostName
        logger.debug("no slurmctld host from scontrol; using the address of \(name)")
        return try resolve(name)
    }

    /// The IPv4 address of this machine that `host` reaches: the source address of the route to it.
    public static func reaching(_ host: String) throws(LauncherError) -> String {
        try sourceAddress(toward: host)
    }

    /// The controller's address (or name) in `scontrol show config` output: `SlurmctldHost[0]`'s
    /// address in parentheses or its name, or the older `ControlAddr` / `ControlMachine`.
    static func controllerHost(config: String) -> String? {
        var fields: [String: String] = [:]
        for line in config.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            fields[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        if let host = fields["SlurmctldHost[0]"], !host.isEmpty {
            if let open = host.firstIndex(of: "("), let close = host.lastIndex(of: ")"), open < close {
                return String(host[host.index(after: open)..<close])
            }
            return host
        }
        for key in ["ControlAddr", "ControlMachine"] {
            if let value = fields[key], !value.isEmpty, value != "(null)" { return value }
        }
        return nil
    }

    /// The local IPv4 address from which packets to `host` leave. Connecting a UDP socket sends
    /// nothing; it only asks the kernel for the route.
    static func sourceAddress(toward host: String) throws(LauncherError) -> String {
        var target = try socketAddress(resolve(host), port: 6817)
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw .launcher(what: "open a UDP socket", cause: String(cString: strerror(errno))) }
        defer { close(fd) }
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            throw .launcher(what: "find a route to \(host)", cause: "\(String(cString: strerror(errno))); pass --bind tcp://ADDRESS:PORT")
        }
        return try boundAddress(fd).address
    }

    /// A TCP port on `address` that is free now (the kernel's choice for port 0).
    public static func freePort(on address: String) throws(LauncherError) -> Int {
        var local = try socketAddress(address, port: 0)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .launcher(what: "open a TCP socket", cause: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw .launcher(what: "bind a TCP port on \(address)", cause: String(cString: strerror(errno))) }
        return try boundAddress(fd).port
    }

    /// The first IPv4 address of `host` (a name or a dotted address).
    static func resolve(_ host: String) throws(LauncherError) -> String {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0, let first = list, let address = first.pointee.ai_addr else {
            throw .launcher(
                what: "resolve \(host) to an IPv4 address",
                cause: "\(String(cString: gai_strerror(status))); pass --bind tcp://ADDRESS:PORT")
        }
        let inet = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
        return text(inet.sin_addr)
    }

    private static func socketAddress(_ address: String, port: Int) throws(LauncherError) -> sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &result.sin_addr) == 1 else {
            throw .launcher(what: "use address \(address)", cause: "not an IPv4 address")
        }
        return result
    }

    private static func boundAddress(_ fd: Int32) throws(LauncherError) -> (address: String, port: Int) {
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { throw .launcher(what: "read a socket's address", cause: String(cString: strerror(errno))) }
        return (text(local.sin_addr), Int(UInt16(bigEndian: local.sin_port)))
    }

    private static func text(_ address: in_addr) -> String {
        var address = address
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &address, &buffer, socklen_t(INET_ADDRSTRLEN))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
