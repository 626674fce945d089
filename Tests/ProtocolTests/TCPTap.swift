import Foundation
import Synchronization

/// A loopback TCP proxy that forwards every connection it accepts to `127.0.0.1:targetPort` and
/// records the bytes that pass, both ways: what an eavesdropper on the wire would see.
final class TCPTap: Sendable {
    /// The port to connect to instead of the target's.
    let port: Int
    private let listener: Int32
    private let state = Mutex<(bytes: [UInt8], stopped: Bool)>(([], false))

    /// Listens on a free loopback port and starts forwarding on a thread of its own.
    init(forwardingTo targetPort: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in forward(to: targetPort) }
    }

    /// Every byte forwarded so far, in both directions.
    var captured: [UInt8] { state.withLock { $0.bytes } }

    /// Closes the listener and every connection (within 100 ms).
    func stop() { state.withLock { $0.stopped = true } }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func forward(to targetPort: Int) {
        var pairs: [(Int32, Int32)] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !state.withLock({ $0.stopped }) {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            fds += pairs.flatMap { [pollfd(fd: $0.0, events: Int16(POLLIN), revents: 0), pollfd(fd: $0.1, events: Int16(POLLIN), revents: 0)] }
            guard poll(&fds, nfds_t(fds.count), 100) > 0 else { continue }
            var closed: Set<Int> = []
            for (i, pair) in pairs.enumerated() {
                for (from, to, item) in [(pair.0, pair.1, fds[1 + 2 * i]), (pair.1, pair.0, fds[2 + 2 * i])]
                where item.revents != 0 && !closed.contains(i) {
                    let n = read(from, &buffer, buffer.count)
                    guard n > 0 else {
                        closed.insert(i)
                        continue
                    }
                    state.withLock { $0.bytes += buffer[0..<n] }
                    var sent = 0
                    while sent < n {
                        let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                        if w <= 0 { break }
                        sent += w
                    }
                }
            }
            for i in closed.sorted(by: >) {
                close(pairs[i].0)
                close(pairs[i].1)
                pairs.remove(at: i)
            }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let client = accept(listener, nil, nil)
                let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = Self.loopback(port: targetPort)
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                if client >= 0 && connected == 0 {
                    pairs.append((client, upstream))
                } else {
                    close(client)
                    close(upstream)
                }
            }
        }
        for pair in pairs {
            close(pair.0)
            close(pair.1)
        }
        close(listener)
    }
}
