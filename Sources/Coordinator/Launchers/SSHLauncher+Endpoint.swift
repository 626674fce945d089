extension SSHLauncher {
    /// The endpoint remote workers connect to, for a coordinator bound at `bound`.
    ///
    /// A wildcard address (`tcp://*:P`, `tcp://0.0.0.0:P`, `tcp://[::]:P`, as ZeroMQ reports a
    /// bind on every interface) becomes `tcp://host:P`; any other endpoint is returned unchanged,
    /// since it already names one address.
    public static func reachableEndpoint(bound: String, host: String) -> String {
        guard let (address, port) = split(endpoint: bound), ["*", "0.0.0.0", "::"].contains(address) else { return bound }
        let name = host.contains(":") ? "[\(host)]" : host
        return "tcp://\(name):\(port)"
    }

    /// Logs a warning when `endpoint` is a loopback address and some host is not this machine.
    func warnIfUnreachable(_ endpoint: String) {
        guard let (address, _) = Self.split(endpoint: endpoint), Self.isLoopback(address) else { return }
        let remote = hosts.filter { !Self.isLoopback($0.host) }.map(\.host)
        guard !remote.isEmpty else { return }
        logger.warning(
            "\(endpoint) is a loopback address: workers on \(remote.joined(separator: ", ")) cannot reach it; bind the coordinator on an address they can reach")
    }

    /// The address and port of a `tcp://ADDRESS:PORT` endpoint, brackets removed.
    private static func split(endpoint: String) -> (address: String, port: Substring)? {
        guard endpoint.hasPrefix("tcp://"), let colon = endpoint.lastIndex(of: ":") else { return nil }
        var address = endpoint[endpoint.index(endpoint.startIndex, offsetBy: 6)..<colon]
        if address.hasPrefix("[") && address.hasSuffix("]") { address = address.dropFirst().dropLast() }
        return (String(address), endpoint[endpoint.index(after: colon)...])
    }

    private static func isLoopback(_ address: String) -> Bool {
        address == "localhost" || address == "::1" || address.hasPrefix("127.")
    }
}
