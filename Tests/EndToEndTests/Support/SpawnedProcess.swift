import Foundation

/// Why a child process could not be started.
struct SpawnError: Error, CustomStringConvertible {
    let executable: String
    let code: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(code))) (errno \(code))" }
}

/// A child process started with `posix_spawn` and reaped by `waitpid` on its own pid.
///
/// The end-to-end tests do not use Foundation's `Process`: on Linux it learns that a child ended
/// when a socket the child inherited closes. A daemon that the child starts (munged from
/// `scripts/slurm-local`, say) keeps that socket open, so the child is never seen to end and a
/// wait for it hangs. Here the end is what `waitpid` reports, whatever the descendants hold.
///
/// The child starts with default signal handlers and an empty signal mask: the test runner's
/// threads block signals, and a daemon inheriting that mask would ignore SIGTERM.
final class SpawnedProcess: @unchecked Sendable {
    /// The child's pid.
    let pid: pid_t
    private let lock = NSLock()
    private var rawStatus: Int32?

    /// Starts `executable` with `arguments` and `environment` (`KEY=value` entries); stdin reads
    /// /dev/null, stdout and stderr go to the open descriptors `output` and `error`.
    init(executable: String, arguments: [String], environment: [String: String], output: Int32, error: Int32) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(executable: executable, code: result) }
        pid = child
    }

    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            reap(blocking: true)
        }
    }

    /// Whether the child is still running; reaps it once it has ended.
    var isRunning: Bool {
        reap(blocking: false)
        return lock.withLock { rawStatus == nil }
    }

    /// Sends `signal` to the child unless it has been reaped (its pid may be reused by then).
    func send(_ signal: Int32) {
        lock.withLock {
            if rawStatus == nil { kill(pid, signal) }
        }
    }

    /// Polls until the child ends; false when it is still running after `timeout`.
    func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// Kills the child with SIGKILL and reaps it.
    func killAndReap() {
        send(SIGKILL)
        reap(blocking: true)
    }

    /// True when a signal ended the child; false while it runs or after a normal exit.
    var signaled: Bool {
        guard let status = lock.withLock({ rawStatus }) else { return false }
        let low = status & 0x7f
        return low != 0 && low != 0x7f
    }

    /// The exit status, or the signal number when ``signaled``; -1 while the child runs.
    var status: Int32 {
        guard let status = lock.withLock({ rawStatus }) else { return -1 }
        return signaled ? status & 0x7f : (status >> 8) & 0xff
    }

    private func reap(blocking: Bool) {
        lock.withLock {
            guard rawStatus == nil else { return }
            var raw: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
            } while result == -1 && errno == EINTR
            if result == pid { rawStatus = raw } else if result == -1 { rawStatus = -1 << 8 }
        }
    }
}
