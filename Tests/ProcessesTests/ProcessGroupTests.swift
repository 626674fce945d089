import Foundation
import Processes
import Synchronization
import Testing

/// Lines a test program printed, collected from the reading tasks.
final class Lines: Sendable {
    let all = Mutex<[String]>([])

    func append(_ stream: StandardStream, _ line: String) {
        all.withLock { $0.append("\(stream.rawValue): \(line)") }
    }
}

@Suite("A program in its own process group")
struct ProcessGroupTests {
    @Test("lines of both streams arrive, the last one without a newline too; the exit status is kept")
    func linesAndStatus() async throws {
        let lines = Lines()
        let group = ProcessGroup(ProcessConfiguration(arguments: ["sh", "-c", "echo one; echo two >&2; printf 'three\\r\\nfour'; exit 4"]))
        let termination = try await group.run(line: lines.append)
        #expect(termination == .exited(status: 4) && termination.description == "exited with status 4")
        let seen = lines.all.withLock { $0 }
        #expect(seen.filter { $0.hasPrefix("stdout") } == ["stdout: one", "stdout: three", "stdout: four"])
        #expect(seen.filter { $0.hasPrefix("stderr") } == ["stderr: two"])
    }

    @Test("a line longer than the limit comes in pieces")
    func longLines() async throws {
        let lines = Lines()
        let group = ProcessGroup(ProcessConfiguration(arguments: ["sh", "-c", "printf 'abcdefghij\\n'"]))
        _ = try await group.run(maxLineLength: 4, line: lines.append)
        #expect(lines.all.withLock { $0 } == ["stdout: abcd", "stdout: efgh", "stdout: ij"])
    }

    @Test("environment additions and the working directory reach the program")
    func environment() async throws {
        let lines = Lines()
        let group = ProcessGroup(ProcessConfiguration(
            arguments: ["sh", "-c", "echo \"$GREETING\" \"${HOME-none}\"; pwd"], environment: ["GREETING": "hi", "HOME": nil],
            workingDirectory: "/usr"))
        _ = try await group.run(line: lines.append)
        #expect(lines.all.withLock { $0 } == ["stdout: hi none", "stdout: /usr"])
    }

    @Test("end() sends SIGTERM to the group, then SIGKILL to members that ignore it")
    func endKillsTheGroup() async throws {
        let pidFile = NSTemporaryDirectory() + "processes-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let group = ProcessGroup(
            ProcessConfiguration(arguments: ["sh", "-c", "trap '' TERM; sleep 300 & echo $! > \(pidFile); wait"]), grace: .milliseconds(200))
        async let termination = group.run { _, _ in }
        var pid: Int32?
        let deadline = Date().addingTimeInterval(30)
        while pid == nil && Date() < deadline {
            pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .newlines)) }
            try await Task.sleep(for: .milliseconds(10))
        }
        await group.end()
        #expect(try await termination == .signaled(signal: 9))
        let grandchild = try #require(pid)
        let stat = try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8)
        #expect(stat == nil || stat?.contains(") Z ") == true, "the grandchild \(grandchild) survived")
    }

    @Test("a group ended before it runs never starts")
    func endBeforeRun() async throws {
        let group = ProcessGroup(ProcessConfiguration(arguments: ["true"]))
        await group.end()
        await #expect(throws: ProcessError.endedBeforeLaunch(program: "true")) { try await group.run { _, _ in } }
    }

    @Test("a missing program is a launch error naming it")
    func missingProgram() async throws {
        let group = ProcessGroup(ProcessConfiguration(arguments: ["mirrorsweep-no-such-program"]))
        do {
            _ = try await group.run { _, _ in }
            Issue.record("it started")
        } catch {
            guard case let .launch(program, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(program == "mirrorsweep-no-such-program")
        }
    }

    @Test("signals are named")
    func signalNames() {
        #expect(ProcessTermination.signaled(signal: 9).description == "killed by signal 9 (SIGKILL)")
        #expect(ProcessTermination.signaled(signal: 64).description == "killed by signal 64")
    }
}
