import Foundation

/// A child process started with `posix_spawnp` and reaped with `waitpid(WNOHANG)` by its owner.
///
/// Foundation's `Process` on Linux is not used for ssh: it learns that a child ended when a
/// socket inherited by the child closes, then blocks its one monitor thread in `waitpid` on that
/// child. `ssh` closes every inherited descriptor when it starts, so the monitor thread would wait
/// for that ssh to end, and no other `Process` of the program would be seen to end meanwhile.
///
/// The child starts in its own process group (a Ctrl-C at the terminal reaches the coordinator,
/// which then stops its workers in order), with default signal handlers and an empty signal mask.
final class ChildProcess {
    /// The child's pid.
    let pid: pid_t
    /// The `waitpid` status once the child has ended; `unknownStatus` if it was reaped elsewhere.
    private var status: Int32?
    private static let unknownStatus: Int32 = -1

    /// Starts `program` (looked up on `PATH`) with `arguments`, stdin from the file descriptor
    /// `input`, stdout going to `output` and stderr to `error` (default `output`), in this
    /// process's environment or in `environment` when given.
    init(
        program: String, arguments: [String], input: Int32, output: Int32, error: Int32? = nil,
        environment: [String: String]? = nil
    ) throws(LauncherError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error ?? output, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for pointer in envp ?? [] { free(pointer) } }
        var child: pid_t = 0
        let result = if let envp {
            posix_spawnp(&child, program, &actions, &attributes, argv, envp)
        } else {
            posix_spawnp(&child, program, &actions, &attributes, argv, environ)
        }
        guard result == 0 else {
            throw .launcher(what: "start \(program)", cause: "\(String(cString: strerror(result))) (errno \(result))")
        }
        pid = child
    }

    /// Whether the child is still running; reaps it once it has ended.
    var isRunning: Bool {
        reap(blocking: false)
        return status == nil
    }

    /// Waits until the child has ended.
    func waitUntilExit() { reap(blocking: true) }

    /// How the child ended, e.g. `exit status 255` or `killed by signal 9`; nil while it runs.
    var ending: String? {
        guard !isRunning, let status else { return nil }
        guard status != Self.unknownStatus else { return "ended with an unknown status" }
        let signal = status & 0x7f
        return signal == 0 ? "exit status \((status >> 8) & 0xff)" : "killed by signal \(signal)"
    }

    /// True when the child ended with exit status 0.
    var exitedCleanly: Bool { !isRunning && status == 0 }

    /// The exit status, or the signal number when `signaled`; nil while the child runs.
    var termination: (status: Int32, signaled: Bool)? {
        guard !isRunning, let status else { return nil }
        guard status != Self.unknownStatus else { return (255, false) }
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, false) : (signal, true)
    }

    /// Sends `signal` to the child while it runs.
    func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    private func reap(blocking: Bool) {
        guard status == nil else { return }
        var raw: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
        } while result == -1 && errno == EINTR
        if result == pid && (raw & 0x7f) != 0x7f {
            status = raw
        } else if result == -1 && errno == ECHILD {
            status = Self.unknownStatus
        }
    }
}
