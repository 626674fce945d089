import Foundation

/// Checks made before SQLite touches a run directory, so that a bad path or a damaged file gives
/// a clear error and is never modified.
package enum JournalFileCheck {
    /// Creates `runDirectory` and its missing parents, then checks that it can be written to.
    package static func prepareRunDirectory(_ runDirectory: String) throws(JournalError) {
        try makeDirectory(runDirectory, for: runDirectory)
        guard access(runDirectory, W_OK) == 0 else {
            throw .runDirectory(path: runDirectory, cause: "it is not writable: \(errnoText(errno))")
        }
    }

    private static func makeDirectory(_ path: String, for runDirectory: String) throws(JournalError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .runDirectory(path: runDirectory, cause: "\(path) is a file, not a directory")
            }
            return
        }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty && parent != path { try makeDirectory(parent, for: runDirectory) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw .runDirectory(path: runDirectory, cause: "cannot create \(path): \(errnoText(errno))")
        }
    }

    /// Refuses an existing, non-empty journal file that is not a whole SQLite database: shorter
    /// than a header, without the SQLite magic string, or shorter than its header says.
    static func checkHeader(path: String) throws(JournalError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        guard size > 0 else { return }
        guard header.count == 100 else {
            throw .journalDamaged(path: path, cause: "the file has \(size) bytes, fewer than a SQLite header")
        }
        guard header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .journalDamaged(path: path, cause: "the file does not start with the SQLite header")
        }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let pageCount = header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        let headerValid = header[24..<28] == header[92..<96]
        if headerValid && pageCount > 0 && size < pageSize * pageCount {
            throw .journalDamaged(
                path: path, cause: "the file is truncated: its header gives \(pageSize * pageCount) bytes, the file has \(size)")
        }
    }

    /// `strerror` text with the errno, e.g. `Read-only file system (errno 30)`.
    static func errnoText(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
