import Foundation

/// A tmpfs mounted on a fresh temporary directory for one test: a small disk that fills up, or a
/// read-only one. Mounting needs root (CAP_SYS_ADMIN); ``isAvailable`` says whether it works here.
final class TmpfsMount {
    /// The mount point.
    let path: String

    /// Mounts a tmpfs of `kibibytes` KiB at a new temporary directory.
    init(kibibytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-tmpfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.mount(["-t", "tmpfs", "-o", "size=\(kibibytes)k,mode=0755", "tmpfs", path])
    }

    /// Changes the size to `kibibytes` KiB, keeping the contents.
    func resize(kibibytes: Int) throws {
        try Self.mount(["-o", "remount,size=\(kibibytes)k", path])
    }

    /// Remounts read-only, keeping the contents.
    func makeReadOnly() throws {
        try Self.mount(["-o", "remount,ro", path])
    }

    /// Unmounts and removes the mount point.
    func remove() {
        _ = try? Self.execute("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Whether this process can mount a tmpfs (root with CAP_SYS_ADMIN), probed once.
    static let isAvailable: Bool = {
        guard getuid() == 0, let probe = try? TmpfsMount(kibibytes: 64) else { return false }
        probe.remove()
        return true
    }()

    struct MountFailed: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        var description: String { "mount \(arguments.joined(separator: " ")) exited with \(status)" }
    }

    private static func mount(_ arguments: [String]) throws {
        let status = try execute("/bin/mount", arguments)
        guard status == 0 else { throw MountFailed(arguments: arguments, status: status) }
    }

    private static func execute(_ tool: String, _ arguments: [String]) throws -> Int32 {
        try HostCommand.execute(tool, arguments, timeout: .seconds(30)).status
    }
}
