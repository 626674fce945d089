import Foundation
import Processes
import Synchronization
import Testing

/// A file for a program's output, removed with its directory at the end of the test.
final class OutputFile {
    let path: String
    let descriptor: Int32

    init() throws {
        let directory = NSTemporaryDirectory() + "processes-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/output"
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}

/// The pid a program wrote to `file`, read once the program has ended.
func pid(in file: OutputFile) throws -> pid_t {
    try #require(pid_t(file.text.trimmingCharacters(in: .whitespacesAndNewlines)))
}

@Suite("A program started in the background")
struct BackgroundProcessTests {
    @Test("start returns while the program runs; it reads the given stdin, writes the given stdout; its exit status is kept")
    func inputOutputStatus() throws {
        let output = try OutputFile()
        var ends: [Int32] = [0, 0]
        try #require(pipe(ends: &ends))
        let process = try BackgroundProcess(
            ProcessConfiguration(arguments: ["sh", "-c", "read line; echo \"got $line\"; exit 3"]), input: ends[0], output: output.descriptor)
        close(ends[0])
        #expect(process.isRunning, "the program waits for its input, so it still runs")
        #expect(process.termination == nil)
        _ = "hello\n".withCString { write(ends[1], $0, strlen($0)) }
        close(ends[1])
        #expect(process.wait() == .ended(.exited(status: 3)))
        #expect(!process.isRunning && process.termination == .exited(status: 3))
        #expect(output.text == "got hello\n")
    }

    @Test("standard error goes to its own descriptor when given; standard input is /dev/null by default")
    func separateError() throws {
        let output = try OutputFile()
        let error = try OutputFile()
        let process = try BackgroundProcess(
            ProcessConfiguration(arguments: ["sh", "-c", "cat; echo out; echo err >&2"]), output: output.descriptor, error: error.descriptor)
        #expect(process.wait() == .ended(.exited(status: 0)))
        #expect(output.text == "out\n")
        #expect(error.text == "err\n")
    }

    @Test("the end is seen while a process the program left holds its output open, and that process is left running")
    func leftoversKeepRunning() throws {
        let pidFile = try OutputFile()
        var ends: [Int32] = [0, 0]
        try #require(pipe(ends: &ends))
        defer { close(ends[0]) }
        let process = try BackgroundProcess(
            ProcessConfiguration(arguments: ["sh", "-c", "sleep 300 & echo $! > \(pidFile.path); exit 0"]), output: ends[1])
        close(ends[1])
        #expect(process.wait() == .ended(.exited(status: 0)))
        let leftover = try pid(in: pidFile)
        defer { kill(leftover, SIGKILL) }
        #expect(kill(leftover, 0) == 0, "the process the program left behind was ended")
        #expect(getpgid(leftover) == process.pid, "the program did not lead a process group of its own")
    }

    @Test("signal sends one signal to the program alone; wait with a timeout returns while it runs")
    func oneSignal() throws {
        let pidFile = try OutputFile()
        let output = try OutputFile()
        let process = try BackgroundProcess(
            ProcessConfiguration(arguments: ["sh", "-c", "sleep 300 & echo $! > \(pidFile.path); trap 'exit 7' USR1; wait; wait"]),
            output: output.descriptor)
        #expect(process.wait(timeout: .milliseconds(10)) == .running)
        var member: pid_t?
        while member == nil && process.isRunning {
            member = pid_t(pidFile.text.trimmingCharacters(in: .whitespacesAndNewlines))
            usleep(10_000)
        }
        let sleeper = try #require(member)
        defer { kill(sleeper, SIGKILL) }
        process.signal(SIGUSR1)
        #expect(process.wait() == .ended(.exited(status: 7)))
        #expect(kill(sleeper, 0) == 0, "the signal reached the rest of the group")
        process.signal(SIGKILL)
        #expect(process.termination == .exited(status: 7), "a signal after the end changed nothing")
    }

    @Test("a program killed by a signal says which")
    func killed() throws {
        let output = try OutputFile()
        let process = try BackgroundProcess(ProcessConfiguration(arguments: ["sleep", "300"]), output: output.descriptor)
        process.signal(SIGKILL)
        #expect(process.wait() == .ended(.signaled(signal: SIGKILL)))
    }

    @Test("a missing program is a launch error naming it")
    func missingProgram() throws {
        let output = try OutputFile()
        #expect(throws: ProcessError.launch(
            program: "mirrorsweep-no-such-program", errno: ENOENT, reason: "mirrorsweep-no-such-program is not an executable file on PATH"
        )) {
            try BackgroundProcess(ProcessConfiguration(arguments: ["mirrorsweep-no-such-program"]), output: output.descriptor)
        }
    }

    @Test("run collects both streams and the ending")
    func run() throws {
        let collected = try BackgroundProcess.run(ProcessConfiguration(
            arguments: ["sh", "-c", "echo out; echo \"$GREETING\" >&2; exit 2"], environment: ["GREETING": "hi"]))
        #expect(collected == CollectedOutput(termination: .exited(status: 2), standardOutput: "out\n", standardError: "hi\n"))
    }

    @Test("many programs started and awaited from synchronous code on several threads at once all end")
    func concurrentStarts() async throws {
        let endings = await withTaskGroup(of: BackgroundProcess.State?.self) { group in
            for index in 0..<16 {
                group.addTask {
                    guard let process = try? BackgroundProcess(ProcessConfiguration(arguments: ["sh", "-c", "exit \(index)"]), output: 1)
                    else { return nil }
                    return process.wait()
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(endings) == Set((0..<16).map { BackgroundProcess.State.ended(.exited(status: $0)) }))
    }

    /// The deadlock of an earlier attempt: a synchronous wait held a pool thread while the ending
    /// was recorded by a task that needed one. The wait is bounded (60 s) only so that the
    /// deadlock fails the test instead of hanging it.
    @Test("a program is started, awaited and its output collected while every thread of the global pool is blocked")
    func poolBlocked() async throws {
        let output = try OutputFile()
        let descriptor = output.descriptor
        let (state, collected) = await whilePoolIsBlocked { () -> (BackgroundProcess.State?, CollectedOutput?) in
            let process = try? BackgroundProcess(
                ProcessConfiguration(arguments: ["sh", "-c", "sleep 0.2; echo late; exit 5"]), output: descriptor)
            let state = process?.wait(timeout: .seconds(60))
            let collected = try? BackgroundProcess.run(ProcessConfiguration(arguments: ["sh", "-c", "echo out; echo err >&2; exit 4"]))
            return (state, collected)
        }
        #expect(state == .ended(.exited(status: 5)))
        #expect(output.text == "late\n")
        #expect(collected == CollectedOutput(termination: .exited(status: 4), standardOutput: "out\n", standardError: "err\n"))
    }
}

/// Runs `body` on a thread of its own once every thread of Swift's global concurrent pool (one
/// per core) is blocked, and releases those threads when `body` returns.
private func whilePoolIsBlocked<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
    let width = ProcessInfo.processInfo.activeProcessorCount
    let blocked = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let result = Mutex<Result?>(nil)
    Thread.detachNewThread {
        for _ in 0..<width { blocked.wait() }
        let value = body()
        result.withLock { $0 = value }
        for _ in 0..<width { release.signal() }
    }
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<width {
            group.addTask {
                blocked.signal()
                release.wait()
            }
        }
    }
    return result.withLock { $0! }
}

/// pipe(2) with both ends close-on-exec.
private func pipe(ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
}
