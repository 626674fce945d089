#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a process group still has a live member.
enum ProcessGroupMembers {
    /// Whether a process of group `groupID` is alive. kill(2) with signal 0 counts zombies too, and
    /// orphans whose new parent does not reap them (pid 1 in some containers) stay zombies; so when
    /// it finds a member, on Linux the members' states are read from `/proc/PID/stat`.
    static func anyAlive(groupID: pid_t) -> Bool {
        guard kill(-groupID, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        return anyRunningInProc(groupID: groupID)
        #else
        return true
        #endif
    }

    #if os(Linux)
    private static func anyRunningInProc(groupID: pid_t) -> Bool {
        guard let directory = opendir("/proc") else { return true }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let first = name.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { continue }
            if let stat = processStat("/proc/\(name)/stat"), stat.groupID == groupID, stat.state != "Z", stat.state != "X" {
                return true
            }
        }
        return false
    }

    /// The state letter and process group of `/proc/PID/stat`: `pid (comm) S ppid pgrp …`, where
    /// `comm` may hold spaces and parentheses, so fields are counted after its last `)`.
    static func processStat(_ path: String) -> (state: Character, groupID: pid_t)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count > 0, let close = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(close + 1)..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 3, let state = fields[0].first, let group = pid_t(String(decoding: fields[2], as: UTF8.self)) else {
            return nil
        }
        return (Character(UnicodeScalar(state)), group)
    }
    #endif
}
