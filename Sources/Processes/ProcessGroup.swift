import Subprocess
import SystemPackage
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program run in a process group of its own, so that it and everything it starts end together.
///
/// Built on swift-subprocess: `PlatformOptions.processGroupID = 0` makes the program the leader of
/// a new group (posix_spawn's `POSIX_SPAWN_SETPGROUP`); standard input is `/dev/null`; standard
/// output and error are read as they arrive, so the program never blocks on a full pipe. Ending
/// the group signals it with kill(2) on the negated group id instead of swift-subprocess's
/// teardown sequence, which stops once the leader has exited and so would leave running a member
/// that ignores SIGTERM. swift-subprocess runs some of its own tasks on the global concurrent
/// executor, so a program that blocks all of its threads keeps ``run(maxLineLength:line:)`` from
/// returning.
public final class ProcessGroup: Sendable {
    /// What runs.
    public let configuration: ProcessConfiguration
    /// How long ``end()`` waits after SIGTERM before it sends SIGKILL.
    public let grace: Duration
    private let state = Mutex(State())

    private struct State {
        var groupID: pid_t?
        var endRequested = false
        var ending: Task<Void, Never>?
        var readFailure: ProcessError?
    }

    /// A group for `configuration` that nothing has started yet.
    public init(_ configuration: ProcessConfiguration, grace: Duration = .seconds(5)) {
        self.configuration = configuration
        self.grace = grace
    }

    /// Runs the program and returns how it ended, once it has and its output is read. `line` gets
    /// every line of standard output and error as it arrives (lines longer than `maxLineLength`
    /// bytes come in pieces). Processes the program left running in its group are ended as by
    /// ``end()`` before this returns. Call it once.
    public func run(
        maxLineLength: Int = 64 * 1024, line: @escaping @Sendable (StandardStream, String) -> Void
    ) async throws(ProcessError) -> ProcessTermination {
        let program = configuration.program
        guard !state.withLock({ $0.endRequested }) else { throw .endedBeforeLaunch(program: program) }
        guard let executable = configuration.executablePath else { throw configuration.notFound }
        var options = PlatformOptions()
        options.processGroupID = 0
        let status: TerminationStatus
        do {
            status = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(Array(configuration.arguments.dropFirst())), environment: configuration.subprocessEnvironment,
                workingDirectory: configuration.workingDirectory.map { FilePath($0) }, platformOptions: options,
                input: .none, output: .sequence, error: .sequence
            ) { execution in
                self.started(groupID: execution.processIdentifier.value)
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.read(execution.standardOutput, .output, maxLineLength, line) }
                    group.addTask { await self.read(execution.standardError, .error, maxLineLength, line) }
                }
            }.terminationStatus
        } catch let error as SubprocessError {
            throw .launch(program: program, errno: error.underlyingError.map { $0.rawValue }, reason: "\(error)")
        } catch {
            throw .launch(program: program, errno: nil, reason: "\(error)")
        }
        await endLeftovers()
        if let failure = state.withLock({ $0.readFailure }) { throw failure }
        return ProcessTermination(status)
    }

    /// Ends the whole group: SIGTERM, then SIGKILL to the members still alive after ``grace``.
    /// Returns once no member is alive (or at once when the program has not started; it is then
    /// ended as soon as it starts, or never started when ``run(maxLineLength:line:)`` has not begun).
    public func end() async {
        let ending = state.withLock { state -> Task<Void, Never>? in
            state.endRequested = true
            guard let groupID = state.groupID else { return nil }
            return state.ending ?? startEnding(groupID, &state)
        }
        await ending?.value
    }

    private func started(groupID: pid_t) {
        let ending = state.withLock { state -> Task<Void, Never>? in
            state.groupID = groupID
            return state.endRequested ? startEnding(groupID, &state) : nil
        }
        _ = ending
    }

    private func startEnding(_ groupID: pid_t, _ state: inout State) -> Task<Void, Never> {
        let grace = grace
        let task = Task { await Self.end(groupID: groupID, grace: grace) }
        state.ending = task
        return task
    }

    /// Once the leader is gone: waits for an ending under way, or ends the members it left alive;
    /// then forgets the group id, so that a later ``end()`` signals nothing.
    private func endLeftovers() async {
        let ending = state.withLock { state -> Task<Void, Never>? in
            if let ending = state.ending { return ending }
            guard let groupID = state.groupID, ProcessGroupMembers.anyAlive(groupID: groupID) else {
                state.groupID = nil
                return nil
            }
            return startEnding(groupID, &state)
        }
        await ending?.value
        state.withLock { $0.groupID = nil }
    }

    private func read(
        _ output: SubprocessOutputSequence, _ stream: StandardStream, _ maxLineLength: Int,
        _ line: @Sendable (StandardStream, String) -> Void
    ) async {
        var splitter = LineSplitter(maxLength: maxLineLength)
        do {
            for try await buffer in output {
                buffer.withUnsafeBytes { bytes in splitter.append(bytes) { line(stream, $0) } }
            }
        } catch {
            state.withLock { $0.readFailure = $0.readFailure ?? .output(stream: stream, reason: "\(error)") }
        }
        splitter.finish { line(stream, $0) }
    }

    /// SIGTERM to the group, then SIGKILL once `grace` has passed with a member still alive;
    /// returns when none is (waiting at most 5 s more after SIGKILL). Polls every 10 ms: this runs
    /// only when a program is ended, never on a program's normal path.
    private static func end(groupID: pid_t, grace: Duration) async {
        kill(-groupID, SIGTERM)
        let clock = ContinuousClock()
        var deadline = clock.now + grace
        var killed = false
        while ProcessGroupMembers.anyAlive(groupID: groupID) {
            if clock.now >= deadline {
                if killed { return }
                kill(-groupID, SIGKILL)
                killed = true
                deadline = clock.now + .seconds(5)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
