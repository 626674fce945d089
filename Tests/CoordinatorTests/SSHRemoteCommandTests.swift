import Foundation
@testable import Launchers
import Processes
import Testing

/// The remote command is run here by /bin/sh, as a remote login shell would run it.
@Suite("The command ssh runs on a remote host")
struct SSHRemoteCommandTests {
    /// Runs `command` with `sh -c` in an environment of only `HOME` and `PATH`, with stdin from a
    /// pipe held open until the child exits, or with `closeInput` until the marker line appears;
    /// returns how the child ended and its stdout + stderr.
    ///
    /// The child is a ``BackgroundProcess``, which starts with an empty signal mask: Foundation's
    /// `Process` would pass on the test thread's mask, in which SIGTERM and SIGCHLD are blocked.
    func shell(_ command: String, home: String, closeInput: Bool = false) throws -> (ending: String?, output: String) {
        let outputPath = (home as NSString).appendingPathComponent("output.txt")
        let output = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(output >= 0)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let child = try BackgroundProcess(
            ProcessConfiguration(arguments: ["env", "-i", "HOME=\(home)", "PATH=/usr/bin:/bin", "/bin/sh", "-c", command]),
            input: ends[0], output: output)
        close(ends[0])
        close(output)
        let read = { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
        if closeInput {
            while child.isRunning && !read().contains(SSHRemoteCommand.pidMarker) { usleep(10_000) }
            close(ends[1])
        }
        let state = child.wait()
        if !closeInput { close(ends[1]) }
        return (state.ending, read())
    }

    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-remote-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes an executable script at `path` that prints its pid and then each argument on its
    /// own line. The file is opened close-on-exec: a descriptor inherited by a process that
    /// another test starts meanwhile would make running the script fail with ETXTBSY.
    func writeEcho(_ path: String) throws {
        let text = "#!/bin/sh\necho \"pid $$\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        try #require(fd >= 0)
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        try #require(written == text.utf8.count)
    }

    @Test("arguments with spaces, quotes and $ reach the worker intact; the script ends with the worker, stdin still open")
    func argumentsSurvive() throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let executable = (home as NSString).appendingPathComponent("my bin's mirrorsweep")
        try writeEcho(executable)
        let arguments = ["work", "--connect", "tcp://h:1", "it's", "a \"b\" $HOME `x` ;", ""]
        let (ending, output) = try shell(SSHRemoteCommand.worker(executable: executable, arguments: arguments), home: home)
        #expect(ending == "exit status 0", "\(output)")
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marker = try #require(lines.firstIndex { $0.hasPrefix(SSHRemoteCommand.pidMarker) })
        let pid = lines.remove(at: marker).dropFirst(SSHRemoteCommand.pidMarker.count)
        #expect(lines == ["pid \(pid)"] + arguments + [""])
    }

    @Test("closing stdin (the launcher's stop, or a dropped connection) sends the worker SIGTERM")
    func closedInputStopsWorker() throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (ending, output) = try shell(SSHRemoteCommand.worker(executable: "sleep", arguments: ["600"]), home: home, closeInput: true)
        #expect(ending == "exit status \(128 + SIGTERM)", "\(output)")
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(SSHRemoteCommand.pidMarker) })
        let pid = try #require(Int32(line.dropFirst(SSHRemoteCommand.pidMarker.count)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the worker \(pid) still runs")
    }

    @Test("~/ is the remote home directory")
    func homeRelative() throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/bin", withIntermediateDirectories: true)
        try writeEcho(home + "/bin/mirrorsweep")
        let (ending, output) = try shell(SSHRemoteCommand.worker(executable: "~/bin/mirrorsweep", arguments: ["work"]), home: home)
        #expect(ending == "exit status 0", "\(output)")
        #expect(output.split(separator: "\n").contains("work"), "\(output)")
    }

    @Test("a missing or non-executable program exits 127 with a message and starts nothing", arguments: [
        "/nonexistent/mirrorsweep", "not-a-command-anywhere", "NOTEXEC",
    ])
    func missingProgram(executable: String) throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let notExecutable = home + "/plain"
        try "echo no".write(toFile: notExecutable, atomically: true, encoding: .utf8)
        let path = executable == "NOTEXEC" ? notExecutable : executable
        let (ending, output) = try shell(SSHRemoteCommand.worker(executable: path, arguments: ["work"]), home: home)
        #expect(ending == "exit status 127")
        #expect(output.contains("mirrorsweep-ssh: \(path) is not an executable on "), "\(output)")
        #expect(!output.contains(SSHRemoteCommand.pidMarker))
    }

    @Test("safe words stay readable; others are single-quoted", arguments: [
        ("tcp://10.0.0.1:5555", "tcp://10.0.0.1:5555"),
        ("--log-level", "--log-level"),
        ("a b", "'a b'"),
        ("it's", "'it'\\''s'"),
        ("", "''"),
    ])
    func quoting(text: String, expected: String) {
        #expect(SSHRemoteCommand.quoted(text) == expected)
    }
}
