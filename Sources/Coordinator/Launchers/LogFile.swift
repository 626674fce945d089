import Foundation

/// Reading back the log files that launchers point their workers' output at.
enum LogFile {
    /// The last `count` non-empty lines written to `path` after byte `offset`, joined by " / ".
    static func lastLines(path: String, from offset: UInt64 = 0, count: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let end = handle.seekToEndOfFile()
        let start = max(offset, end > 65536 ? end - 65536 : 0)
        handle.seek(toFileOffset: start)
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.suffix(count).joined(separator: " / ")
    }

    /// Opens `path` for appending (creating it), for a child's stdout and stderr; returns the
    /// descriptor and the file's size before anything is appended.
    static func openForAppending(_ path: String) throws(LauncherError) -> (descriptor: Int32, offset: UInt64) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .launcher(what: "open \(path)", cause: "\(String(cString: strerror(errno))) (errno \(errno))")
        }
        return (descriptor, UInt64(max(0, lseek(descriptor, 0, SEEK_END))))
    }
}
