import Foundation

/// One entry of an SSH host list: where to log in and how many training threads the worker
/// started there gets.
///
/// The list form is `h1,h2[:slots]`: entries separated by commas, each `host`, `user@host`,
/// `host:slots` or `user@host:slots`; an IPv6 address goes in brackets (`[::1]:2`). The ssh port
/// and other connection settings come from `~/.ssh/config` or from extra ssh arguments.
public struct SSHHost: Hashable, Sendable, CustomStringConvertible {
    /// The login name, or nil for ssh's default (the local user or `~/.ssh/config`).
    public let user: String?
    /// The host name or address as given, without brackets.
    public let host: String
    /// Training threads of the worker on this host.
    public let slots: Int

    /// The forms an entry may take, for error messages.
    public static let allowedForms = "host, user@host, host:slots, user@host:slots, [ipv6]:slots (slots an integer ≥ 1)"

    /// A host with the given fields; `host` and `user` are checked as ``parse(_:defaultSlots:)`` does.
    public init(user: String? = nil, host: String, slots: Int = 1) throws(LauncherError) {
        try Self.check(user: user, host: host, slots: slots, entry: (user.map { "\($0)@" } ?? "") + host)
        self.user = user
        self.host = host
        self.slots = slots
    }

    /// What ssh is given as its destination: `user@host` or `host`.
    public var destination: String { (user.map { "\($0)@" } ?? "") + host }

    /// The entry as it would be written in a host list.
    public var description: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return (user.map { "\($0)@" } ?? "") + name + ":\(slots)"
    }

    /// Parses a comma-separated host list; entries without `:slots` get `defaultSlots`.
    ///
    /// Each host may appear once: to run more trials on a host, give it more slots.
    public static func parse(_ list: String, defaultSlots: Int = 1) throws(LauncherError) -> [SSHHost] {
        let entries = list.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        guard entries.contains(where: { !$0.isEmpty }) else {
            throw .hostList(entry: list, reason: "the host list is empty")
        }
        var hosts: [SSHHost] = []
        for entry in entries {
            let parsed = try parse(entry: entry, defaultSlots: defaultSlots)
            if let first = hosts.first(where: { $0.host == parsed.host }) {
                throw .hostList(
                    entry: entry,
                    reason: "host \(parsed.host) is already listed as '\(first)'; list each host once and give it more slots")
            }
            hosts.append(parsed)
        }
        return hosts
    }

    /// Parses one entry of a host list.
    private static func parse(entry: String, defaultSlots: Int) throws(LauncherError) -> SSHHost {
        guard !entry.isEmpty else { throw .hostList(entry: entry, reason: "an entry is empty (two commas in a row?)") }
        var rest = Substring(entry)
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        let host: String
        var slotsText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw .hostList(entry: entry, reason: "'[' without a closing ']'")
            }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw .hostList(entry: entry, reason: "expected ':slots' after ']', found '\(after)'")
                }
                slotsText = after.dropFirst()
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else {
                throw .hostList(entry: entry, reason: "too many ':'; an IPv6 address goes in brackets, e.g. [::1]:2")
            }
            host = String(parts[0])
            slotsText = parts.count == 2 ? parts[1] : nil
        }
        var slots = defaultSlots
        if let slotsText {
            guard let value = Int(slotsText), value >= 1 else {
                throw .hostList(entry: entry, reason: "slots must be an integer ≥ 1, got '\(slotsText)'")
            }
            slots = value
        }
        try check(user: user, host: host, slots: slots, entry: entry)
        return SSHHost(checkedUser: user, host: host, slots: slots)
    }

    private init(checkedUser user: String?, host: String, slots: Int) {
        self.user = user
        self.host = host
        self.slots = slots
    }

    /// Throws the first problem of the fields of `entry`.
    private static func check(user: String?, host: String, slots: Int, entry: String) throws(LauncherError) {
        guard slots >= 1 else { throw .hostList(entry: entry, reason: "slots must be an integer ≥ 1, got \(slots)") }
        if let user { try check(user: user, entry: entry) }
        try check(host: host, entry: entry)
    }

    private static func check(user: String, entry: String) throws(LauncherError) {
        guard !user.isEmpty else { throw .hostList(entry: entry, reason: "the user before '@' is empty") }
        guard !user.hasPrefix("-"), user.allSatisfy(isNameCharacter) else {
            throw .hostList(entry: entry, reason: "user '\(user)' may hold only letters, digits, '.', '_' and '-', and may not start with '-'")
        }
    }

    private static func check(host: String, entry: String) throws(LauncherError) {
        guard !host.isEmpty else { throw .hostList(entry: entry, reason: "the host name is empty") }
        if host.contains(":") {
            guard host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw .hostList(entry: entry, reason: "'\(host)' is not an IPv6 address")
            }
            return
        }
        guard !host.hasPrefix("-"), host.allSatisfy(isNameCharacter) else {
            throw .hostList(entry: entry, reason: "host '\(host)' may hold only letters, digits, '.', '_' and '-', and may not start with '-'")
        }
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
    }
}
