/// Where the dashboard listens: `[ADDRESS:]PORT`, the address 127.0.0.1 unless given.
public struct DashboardAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address listened on when none is given: loopback only.
    public static let defaultHost = "127.0.0.1"

    /// An IPv4 or IPv6 address (without brackets) or a host name.
    public var host: String
    /// The TCP port; 0 lets the system choose a free one.
    public var port: Int

    /// Creates an address from its parts.
    public init(host: String = DashboardAddress.defaultHost, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `PORT`, `ADDRESS:PORT` or `[IPV6]:PORT`.
    public init(parsing text: String) throws(DashboardError) {
        var host = Self.defaultHost
        var portText = Substring(text)
        if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty, !host.contains("["), !host.contains("]"), host.contains(":") == text.hasPrefix("[") else {
                throw .invalidAddress(given: text)
            }
        }
        guard portText.allSatisfy(\.isASCII), let port = Int(portText), (0...65535).contains(port) else {
            throw .invalidAddress(given: text)
        }
        self.init(host: host, port: port)
    }

    /// `host:port`, an IPv6 host in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
