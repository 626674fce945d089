/// Who can reach an endpoint the coordinator binds: only this machine, or the network.
public enum BindScope: Sendable, Equatable {
    /// Loopback TCP (`127.0.0.0/8`, `::1`, `localhost`, the `lo` interface), `ipc://` or `inproc://`.
    case local
    /// Any other address: a wildcard (`*`, `0.0.0.0`, `::`), a network address, a host or interface name.
    case network

    /// The scope of a ZeroMQ bind endpoint such as `tcp://127.0.0.1:5555` or `tcp://*:5555`.
    public init(endpoint: String) {
        let lowered = endpoint.lowercased()
        if lowered.hasPrefix("ipc://") || lowered.hasPrefix("inproc://") {
            self = .local
            return
        }
        guard lowered.hasPrefix("tcp://") else {
            self = .network
            return
        }
        var host = lowered.dropFirst("tcp://".count)
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        self = Self.isLoopback(host: String(host)) ? .local : .network
    }

    private static func isLoopback(host: String) -> Bool {
        if host == "localhost" || host == "lo" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.first == "127" else { return false }
        return parts.allSatisfy { UInt8($0) != nil }
    }
}
