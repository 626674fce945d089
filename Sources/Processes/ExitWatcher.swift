import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread that sees started programs end and reads how, without reaping them.
///
/// It polls each program's pidfd (Linux 5.3 and later; without one it looks every 10 ms) and
/// reads the ending with `waitid(WNOWAIT)`, so the zombie stays for swift-subprocess to reap.
/// ``BackgroundProcess`` holds swift-subprocess's reaping back until this thread has reported
/// the ending: that report needs no task, so no thread of the global concurrent pool either.
final class ExitWatcher: Sendable {
    /// The one watcher; its thread starts on first use.
    static let shared = ExitWatcher()

    private struct Watched: Sendable {
        let pid: pid_t
        let descriptor: Int32
        let program: String
        let ended: @Sendable (BackgroundProcess.State) -> Void
    }

    private let watched = Mutex<[Watched]>([])
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private init() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "cannot create the exit watcher's pipe: errno \(errno)")
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<ExitWatcher>.fromOpaque(context).takeRetainedValue().run()
        }, context)
        precondition(created == 0, "cannot start the exit watcher's thread: errno \(created)")
        pthread_detach(thread)
    }

    /// Calls `ended` once, from the watcher's thread, when the child `pid` has ended (its pidfd
    /// `descriptor`, -1 for none, is the watcher's to close then).
    func watch(pid: pid_t, descriptor: Int32, program: String, ended: @escaping @Sendable (BackgroundProcess.State) -> Void) {
        watched.withLock { $0.append(Watched(pid: pid, descriptor: descriptor, program: program, ended: ended)) }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func run() -> Never {
        while true {
            let current = watched.withLock { $0 }
            var entries = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            entries += current.filter { $0.descriptor >= 0 }.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            let timeout: Int32 = current.contains { $0.descriptor < 0 } ? 10 : -1
            guard poll(&entries, nfds_t(entries.count), timeout) >= 0 || errno == EINTR else {
                preconditionFailure("the exit watcher's poll failed: errno \(errno)")
            }
            if entries[0].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                while read(wakeRead, &buffer, buffer.count) > 0 {}
            }
            for entry in current {
                guard let state = Self.peek(entry) else { continue }
                watched.withLock { $0.removeAll { $0.pid == entry.pid } }
                if entry.descriptor >= 0 { close(entry.descriptor) }
                entry.ended(state)
            }
        }
    }

    /// How the child ended, nil while it runs; the child is left unreaped.
    private static func peek(_ entry: Watched) -> BackgroundProcess.State? {
        var info = siginfo_t()
        var result: Int32
        repeat {
            #if os(Linux)
            result = entry.descriptor >= 0
                ? waitid(idtype_t(rawValue: 3), id_t(entry.descriptor), &info, WEXITED | WNOHANG | WNOWAIT)
                : waitid(P_PID, id_t(entry.pid), &info, WEXITED | WNOHANG | WNOWAIT)
            #else
            result = waitid(P_PID, id_t(entry.pid), &info, WEXITED | WNOHANG | WNOWAIT)
            #endif
        } while result == -1 && errno == EINTR
        guard result == 0 else {
            return .lost(.monitor(program: entry.program, reason: "waitid failed: \(String(cString: strerror(errno))) (errno \(errno))"))
        }
        #if os(Linux)
        let child = info._sifields._sigchld
        guard child.si_pid != 0 else { return nil }
        let status = child.si_status
        #else
        guard info.si_pid != 0 else { return nil }
        let status = info.si_status
        #endif
        return info.si_code == CLD_EXITED ? .ended(.exited(status: status)) : .ended(.signaled(signal: status))
    }
}
