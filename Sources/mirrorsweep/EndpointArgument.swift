import ArgumentParser

/// The check of an endpoint option (`work --connect`, `serve --bind`) before ZeroMQ sees it, so
/// that a missing scheme or port is named instead of ZeroMQ's `Invalid argument (errno 22)`.
enum EndpointArgument {
    /// The forms an endpoint may take.
    static let expected = "expected tcp://HOST:PORT (e.g. tcp://127.0.0.1:5555) or ipc://PATH"

    /// Throws a `ValidationError` naming `option` and the expected form unless `endpoint` is
    /// `tcp://HOST:PORT` (port 1–65535; with `binding`, host and port may be `*`) or `ipc://PATH`.
    static func check(_ endpoint: String, option: String, binding: Bool) throws {
        if let problem = problem(endpoint, binding: binding) {
            throw ValidationError("\(option): \(expected); got '\(endpoint)'\(problem.isEmpty ? "" : " (\(problem))")")
        }
    }

    /// Why `endpoint` is not allowed ("" when it has no scheme), nil when it is.
    static func problem(_ endpoint: String, binding: Bool) -> String? {
        if endpoint.hasPrefix("ipc://") {
            return endpoint.count > "ipc://".count ? nil : "no path"
        }
        guard endpoint.hasPrefix("tcp://") else {
            guard let scheme = endpoint.range(of: "://") else { return "" }
            return "unsupported scheme '\(endpoint[..<scheme.lowerBound])'"
        }
        let address = endpoint.dropFirst("tcp://".count)
        if !address.hasPrefix("["), address.filter({ $0 == ":" }).count > 1 {
            return "write an IPv6 address in brackets, e.g. tcp://[::1]:5555"
        }
        let hostEnd = address.hasPrefix("[") ? address.firstIndex(of: "]").map(address.index(after:)) : address.firstIndex(of: ":")
        guard let hostEnd, hostEnd < address.endIndex, address[hostEnd] == ":" else { return "no port" }
        let host = address[..<hostEnd]
        let port = address[address.index(after: hostEnd)...]
        if host.isEmpty || host == "[]" { return "no host" }
        if host == "*" && !binding { return "'*' is for --bind; name the coordinator's host" }
        if port == "*" { return binding ? nil : "'*' is for --bind; give the coordinator's port" }
        guard port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port), (1...65_535).contains(number) else {
            return port.isEmpty ? "no port" : "port '\(port)' is not 1–65535"
        }
        return nil
    }
}
