import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a program named without a slash on `PATH`, as execvp(3) does, and remembers what it found.
///
/// swift-subprocess can search `PATH` itself, but builds a `FilePath` for every directory of
/// every launch; a worker launching hundreds of short programs a second looks each name up once.
enum ExecutableLookup {
    private static let found = Mutex<[String: String]>([:])

    /// The first `directory/name` on `path` (colon-separated) that is an executable regular file.
    static func resolve(_ name: String, path: String) -> String? {
        let key = path + "\0" + name
        if let known = found.withLock({ $0[key] }) { return known }
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            var info = stat()
            guard stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 else { continue }
            found.withLock { $0[key] = candidate }
            return candidate
        }
        return nil
    }
}
