import Core
import Dispatch
import Foundation
import Logging
import Synchronization
import Wire
import ZeroMQ

/// Runs command trials, at most one per slot, each as a Swift task, and pushes their progress
/// and outcome frames to the worker's I/O thread as ``TrainerPool``'s threads do.
///
/// Trials beyond the free slots wait in order. Slot `i` hands its trials device `gpus[i]` when the
/// worker has GPUs.
final class CommandPool: Sendable {
    private let outbox: Outbox
    private let devices: [String?]
    private let scratchRoot: String
    private let killGrace: Double
    private let progressInterval: Double
    private let logger: Logger
    private let attempts = Atomic<Int>(0)
    private let running = DispatchGroup()
    private let state: Mutex<State>

    private struct State {
        var pending: [(job: TrainingJob, trial: CommandTrial)] = []
        var free: [Int]
        var attempts: [Int: CommandAttempt] = [:]
    }

    /// A pool whose frames go to the PULL socket bound at `endpoint` in `context`; attempts get
    /// their directories under a new directory in `options.scratchRoot` (default `$TMPDIR`).
    init(context: ZMQContext, endpoint: String, options: WorkerOptions, logger: Logger) throws(ZMQError) {
        outbox = try Outbox(context: context, endpoint: endpoint)
        devices = (0..<options.slots).map { options.gpus?[$0] }
        let base = options.scratchRoot ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        scratchRoot = base + "/mirrorsweep-worker-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        killGrace = options.killGrace
        progressInterval = options.progressInterval
        self.logger = logger
        state = Mutex(State(free: Array((0..<options.slots).reversed())))
    }

    /// Starts `trial` on a free slot, or queues it until one is free.
    func start(_ job: TrainingJob, _ trial: CommandTrial) {
        let launch = state.withLock { state -> (Int, CommandAttempt)? in
            guard let slot = state.free.popLast() else {
                state.pending.append((job, trial))
                return nil
            }
            return (slot, attempt(job, trial, slot: slot, &state))
        }
        if let (slot, attempt) = launch { run(attempt, slot: slot) }
    }

    /// Drops the queued trials and ends the running ones (their process groups); they report nothing.
    func abandonAll() {
        let running = state.withLock { state -> [CommandAttempt] in
            state.pending.removeAll()
            return Array(state.attempts.values)
        }
        for attempt in running { Task { await attempt.abandon() } }
    }

    /// Abandons every trial, waits until their process groups are gone (each has its kill grace,
    /// plus 10 s), removes the scratch directory and closes the pool's socket.
    func close() {
        abandonAll()
        _ = running.wait(timeout: .now() + killGrace + 10)
        try? FileManager.default.removeItem(atPath: scratchRoot)
        outbox.close()
    }

    private func attempt(_ job: TrainingJob, _ trial: CommandTrial, slot: Int, _ state: inout State) -> CommandAttempt {
        let attempt = CommandAttempt(
            job: job, trial: trial, directory: "\(scratchRoot)/\(attempts.add(1, ordering: .relaxed).newValue)", device: devices[slot],
            killGrace: killGrace, progressInterval: progressInterval, logger: logger)
        state.attempts[slot] = attempt
        running.enter()
        return attempt
    }

    private func run(_ attempt: CommandAttempt, slot: Int) {
        let outbox = outbox
        let trialID = Array(attempt.job.trialID.utf8)
        Task {
            let outcome = await attempt.run { outbox.send(.progress, trialID, $0) }
            if let outcome { outbox.send(.finished, trialID, outcome) }
            self.finished(slot: slot)
        }
    }

    /// Frees `slot`, or starts the next queued trial on it.
    private func finished(slot: Int) {
        let next = state.withLock { state -> CommandAttempt? in
            state.attempts[slot] = nil
            guard !state.pending.isEmpty else {
                state.free.append(slot)
                return nil
            }
            let (job, trial) = state.pending.removeFirst()
            return attempt(job, trial, slot: slot, &state)
        }
        if let next { run(next, slot: slot) }
        running.leave()
    }
}

/// The PUSH socket command trials report through, shared by their tasks.
///
/// `@unchecked Sendable`: a ZeroMQ socket is not thread-safe, so every use of `socket` happens
/// with `lock` held, which also gives the full memory barrier ZeroMQ asks for when a socket
/// moves between threads.
final class Outbox: @unchecked Sendable {
    private let lock = NSLock()
    private let socket: ZMQSocket
    private var closed = false

    init(context: ZMQContext, endpoint: String) throws(ZMQError) {
        socket = try ZMQSocket(context: context, type: .push)
        try socket.connect(endpoint)
    }

    /// Pushes a frame of `kind` for the trial `trialID`.
    func send(_ kind: TrainerPool.Kind, _ trialID: [UInt8], _ message: Message) {
        let frames = [[kind.rawValue], trialID, MessageCodec.encode(message)]
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        _ = try? socket.send(frames)
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        socket.close()
    }
}
