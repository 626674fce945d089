/// The command line an ``SSHLauncher`` hands to ssh, and the line the remote side prints first.
///
/// The remote login shell runs `exec /bin/sh -c SCRIPT`, whatever shell it is. The script checks
/// the executable (a path: an executable file; a name: found on the remote `PATH`), starts the
/// worker in the background, prints ``pidMarker`` with the worker's pid, and then watches its own
/// stdin, which is ssh's: when stdin ends (the launcher closed it, or the ssh connection is gone)
/// or a line arrives, the worker gets SIGTERM. The script exits with the worker's status as soon
/// as the worker exits. Every word is quoted for the shell, so paths and arguments may hold
/// spaces and quotes.
enum SSHRemoteCommand {
    /// The prefix of the first line the remote script prints, followed by the worker's pid.
    static let pidMarker = "mirrorsweep-ssh: remote pid "

    /// The command ssh runs on the remote host to start `executable arguments…`.
    ///
    /// An `executable` starting with `~/` is taken relative to the remote `$HOME`.
    static func worker(executable: String, arguments: [String]) -> String {
        let program: String
        if executable.hasPrefix("~/") {
            program = "\"$HOME\"/" + quoted(String(executable.dropFirst(2)))
        } else {
            program = quoted(executable)
        }
        let check = executable.contains("/") ? "[ -f \(program) ] && [ -x \(program) ]" : "command -v \(program) >/dev/null"
        let steps = [
            "\(check) || { echo mirrorsweep-ssh: \(program) is not an executable on \"$(hostname)\" >&2; exit 127; }",
            "exec 3<&0",
            "\(program) " + arguments.map(quoted).joined(separator: " ") + " </dev/null 3<&- &",
            "worker=$!",
            "echo \"\(pidMarker)$worker\"",
            "{ read -r line <&3; kill -TERM \"$worker\" 2>/dev/null; } &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$worker\"",
            "status=$?",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"",
        ]
        let script = steps.dropFirst().reduce(steps[0]) { $0 + ($0.hasSuffix("&") ? " " : "; ") + $1 }
        return "exec /bin/sh -c " + quoted(script)
    }

    /// `text` as one word for a POSIX shell: unchanged when it holds only safe characters,
    /// else in single quotes.
    static func quoted(_ text: String) -> String {
        let safe = !text.isEmpty && text.allSatisfy { c in
            c.isASCII && (c.isLetter || c.isNumber || "_./:=@%+,-".contains(c))
        }
        if safe { return text }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
