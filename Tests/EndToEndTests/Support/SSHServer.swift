import Foundation

/// Why a test sshd could not be started.
struct SSHServerError: Error, CustomStringConvertible {
    let description: String
}

/// A real OpenSSH server on a free port of 127.0.0.1, run as the current user with a host key and
/// a client key generated into a temporary directory. Nothing outside that directory is changed,
/// except that a root user gets sshd's privilege-separation directory `/run/sshd` when missing
/// (the openssh-server service creates it at boot; sshd refuses to start as root without it).
///
/// ``clientArguments`` log in with the generated key and check the generated host key strictly,
/// reading no ssh configuration file. The server stops when the value is released.
///
/// sshd runs as a daemon; its pid comes from the pid file it writes.
final class SSHServer {
    /// The sshd binary of Debian's openssh-server.
    static let sshd = "/usr/sbin/sshd"

    let directory: URL
    let port: Int
    /// `ssh` options for this server: port, identity, known hosts, no configuration files.
    let clientArguments: [String]
    /// The daemon's pid (sshd forks into the background; the launched process exits at once).
    private let pid: pid_t
    private let logURL: URL

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
            throw SSHServerError(description: "\(Self.sshd) is missing; install openssh-server (scripts/install-deps --test)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-sshd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let hostKey = directory.appendingPathComponent("host_ed25519").path
        let clientKey = directory.appendingPathComponent("client_ed25519").path
        try Self.generateKey(hostKey)
        try Self.generateKey(clientKey)
        let authorized = directory.appendingPathComponent("authorized_keys").path
        try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: authorized)
        if getuid() == 0 && !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        logURL = directory.appendingPathComponent("sshd.log")
        let pidPath = directory.appendingPathComponent("sshd.pid").path
        var started: (pid: pid_t, port: Int)?
        var lastLog = ""
        for _ in 0..<5 where started == nil {
            let port = try Self.freePort()
            let config = directory.appendingPathComponent("sshd_config").path
            try """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(hostKey)
                PidFile \(pidPath)
                AuthorizedKeysFile \(authorized)
                StrictModes no
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin prohibit-password
                MaxStartups 100

                """.write(toFile: config, atomically: true, encoding: .utf8)
            let launch = try HostCommand.execute(Self.sshd, ["-f", config, "-E", logURL.path], timeout: .seconds(30))
            let deadline = ContinuousClock.now + .seconds(30)
            var pid: pid_t?
            while launch.succeeded && pid == nil && ContinuousClock.now < deadline {
                pid = (try? String(contentsOfFile: pidPath, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                if pid == nil { Thread.sleep(forTimeInterval: 0.02) }
            }
            lastLog = Self.read(logURL)
            if let pid { started = (pid, port) }
        }
        guard let started else {
            throw SSHServerError(description: "sshd did not start: \(lastLog)")
        }
        pid = started.pid
        port = started.port
        let hostPublic = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        let knownHosts = directory.appendingPathComponent("known_hosts").path
        try "[127.0.0.1]:\(port),[localhost]:\(port) \(hostPublic)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
        clientArguments = [
            "-F", "none", "-p", "\(port)", "-i", clientKey, "-o", "IdentitiesOnly=yes",
            "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "StrictHostKeyChecking=yes", "-o", "LogLevel=ERROR",
        ]
    }

    deinit {
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(10)
        while kill(pid, 0) == 0 && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// What sshd logged so far (connections, authentication, errors).
    var log: String { Self.read(logURL) }

    private static func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// Writes a new passphrase-less ed25519 key pair to `path` and `path.pub`.
    private static func generateKey(_ path: String) throws {
        let keygen = try HostCommand.execute(
            "/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mirrorsweep-test", "-f", path], timeout: .seconds(30))
        guard keygen.succeeded else {
            throw SSHServerError(description: "ssh-keygen failed for \(path) with status \(keygen.status): \(keygen.stderr)")
        }
    }

    /// A TCP port of 127.0.0.1 that nothing listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SSHServerError(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw SSHServerError(description: "bind 127.0.0.1:0: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
