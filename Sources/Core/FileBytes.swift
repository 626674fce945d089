import Foundation

/// Whole-file reads and atomic writes whose errors carry the path and the errno text.
enum FileBytes {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(CoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure(path, "cannot open") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read")
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    static func write(_ bytes: [UInt8], to path: String) throws(CoreError) {
        let temporary = path + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw failure(temporary, "cannot create") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure(temporary, "cannot write")
                close(fd)
                unlink(temporary)
                throw error
            }
            offset += n
        }
        guard close(fd) == 0 else {
            let error = failure(temporary, "cannot close")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(temporary, "cannot rename to \(path)")
            unlink(temporary)
            throw error
        }
    }

    private static func failure(_ path: String, _ what: String) -> CoreError {
        let code = errno
        return .dataFile(path: path, reason: "\(what): \(String(cString: strerror(code))) (errno \(code))")
    }
}
