import Foundation

/// The one live coordinator of a run directory: an exclusive `flock` on `coordinator.lock`
/// there, held until the process ends, with the holder's host, pid, start time and command
/// written in the file for whoever is refused.
///
/// The kernel drops the lock when its process ends in any way (`kill -9` included), so a lock
/// file left by a dead coordinator never blocks a resume. The descriptor is close-on-exec:
/// workers started by the coordinator do not inherit the lock.
public final class RunDirectoryLock: Sendable {
    /// The lock file's name inside a run directory.
    public static let fileName = "coordinator.lock"

    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock of `runDirectory` (which must exist) for this process, recording `command`
    /// as what holds it; throws ``JournalError/runDirectoryInUse(path:holder:)`` naming the
    /// holder when another live process has it.
    public static func acquire(runDirectory: String, command: String) throws(JournalError) -> RunDirectoryLock {
        let path = (runDirectory as NSString).appendingPathComponent(fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .runDirectory(path: runDirectory, cause: "cannot open \(path): \(JournalFileCheck.errnoText(errno))")
        }
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            let holder = String(decoding: Self.contents(descriptor), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            guard code == EWOULDBLOCK else {
                throw .runDirectory(path: runDirectory, cause: "cannot lock \(path): \(JournalFileCheck.errnoText(code))")
            }
            throw .runDirectoryInUse(path: runDirectory, holder: holder.isEmpty ? "another process" : holder)
        }
        let holder = "pid \(getpid()) on host \(ProcessInfo.processInfo.hostName), since \(Date()): \(command)\n"
        let bytes = Array(holder.utf8)
        guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, bytes, bytes.count, 0) == bytes.count else {
            let code = errno
            close(descriptor)
            throw .runDirectory(path: runDirectory, cause: "cannot write \(path): \(JournalFileCheck.errnoText(code))")
        }
        return RunDirectoryLock(path: path, descriptor: descriptor)
    }

    private static func contents(_ descriptor: Int32) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? Array(buffer[..<count]) : []
    }
}
