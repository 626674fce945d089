import Core
import Foundation
import JSON
import Testing
import Wire
import Worker
import ZeroMQ

/// A temporary directory for one test's programs and files, removed by `remove()`.
struct TestDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "mirrorsweep-command-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes an executable `sh` script `name` with `body` and returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let file = path + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        return file
    }

    /// The text of file `name`, nil when it does not exist.
    func read(_ name: String) -> String? {
        try? String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    /// The text of file `name` once it exists and ends in a newline, waiting up to 30 s.
    func waitFor(_ name: String) -> String? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = read(name), text.hasSuffix("\n") { return text }
            usleep(10_000)
        }
        return nil
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Whether process `pid` is alive: it exists and is not a zombie (orphans here may stay zombies).
func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
}

/// Waits up to 30 s for process `pid` to be gone; whether it is.
func waitUntilGone(_ pid: Int32) -> Bool {
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
        if !isAlive(pid) { return true }
        usleep(10_000)
    }
    return false
}

/// A command trial with fields `lr` and `name`.
func commandTrial(_ command: [String], workingDirectory: String? = nil, timeout: Double? = nil) -> CommandTrial {
    CommandTrial(
        command: command, fields: [CommandField(name: "lr", value: .double(0.5)), CommandField(name: "name", value: .string("run a"))],
        workingDirectory: workingDirectory, timeout: timeout)
}

/// What a worker reported for one trial: its progress reports and its result or failure.
struct CommandOutcome: Sendable {
    var progress: [(step: Int, totalSteps: Int, metrics: [String: Double])] = []
    var result: TrialResult?
    var failure: (message: String, log: String?)?
}

/// The worker's messages are awaited on a thread of their own: the worker runs its command
/// trials as tasks (swift-subprocess's among them) on the global concurrent executor, which
/// blocking waits on the test's task could starve.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A trial that reported nothing while the worker was awaited.
struct NoReport: Error {
    let trialID: String
}

extension WorkerLoopTests {
    /// Reads the worker's messages until trial `trialID` reports a result or failure.
    func outcome(of trialID: String, _ router: ZMQSocket) throws -> CommandOutcome {
        try outcomes(of: [trialID], router)[trialID] ?? CommandOutcome()
    }

    /// Reads the worker's messages until each of `trialIDs` reported a result or failure.
    func outcomes(of trialIDs: Set<String>, _ router: ZMQSocket) throws -> [String: CommandOutcome] {
        var outcomes: [String: CommandOutcome] = [:]
        var finished: Set<String> = []
        while finished != trialIDs, let reply = try next(router) {
            switch reply.message {
            case let .progress(id, _, step, total, metrics) where trialIDs.contains(id):
                outcomes[id, default: CommandOutcome()].progress.append((step, total, metrics))
            case let .result(id, _, result) where trialIDs.contains(id):
                outcomes[id, default: CommandOutcome()].result = result
                finished.insert(id)
            case let .failure(id, _, message, log) where trialIDs.contains(id):
                outcomes[id, default: CommandOutcome()].failure = (message, log)
                finished.insert(id)
            default:
                continue
            }
        }
        if let missing = trialIDs.subtracting(finished).sorted().first { throw NoReport(trialID: missing) }
        return outcomes
    }

    /// The worker's hello, answered with a welcome; throws when none came.
    func welcomed(_ router: ZMQSocket, heartbeatInterval: Double = 0.2, heartbeatLiveness: Int = 500) throws -> (route: [UInt8], message: Message) {
        guard let hello = try next(router) else { throw NoReport(trialID: "hello") }
        try router.send(.welcome(heartbeatInterval: heartbeatInterval, heartbeatLiveness: heartbeatLiveness, runID: "test"), to: hello.route)
        return hello
    }
}

/// Starts a worker, sends `trial` as trial `t1` (seed 7, attempt 2) and returns what it reported.
func runCommand(
    _ trial: CommandTrial,
    options: @escaping @Sendable (String) -> WorkerOptions = { WorkerOptions(endpoint: $0, workerID: "cmd", progressInterval: 0) }
) async throws -> CommandOutcome {
    try await onThread {
        let loop = WorkerLoopTests()
        let worker = try ScriptedWorker(options)
        defer { worker.stopAndWait() }
        let hello = try loop.welcomed(worker.router)
        try worker.router.send(.assignment(trialID: "t1", attempt: 2, seed: 7, work: .command(trial)), to: hello.route)
        return try loop.outcome(of: "t1", worker.router)
    }
}
