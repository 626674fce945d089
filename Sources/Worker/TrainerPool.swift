import Core
import Foundation
import Protocol

/// A trial handed to a training thread.
struct TrainingJob: Sendable {
    var trialID: String
    var attempt: Int
    var seed: UInt64
    var config: TrialConfig
}

/// Blocking first-in first-out queue of jobs shared by the training threads.
///
/// `@unchecked Sendable`: every access to `jobs` and `closed` happens with `condition` locked.
final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [TrainingJob] = []
    private var closed = false

    func push(_ job: TrainingJob) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// The next job, or nil once the queue is closed and empty.
    func pop() -> TrainingJob? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closed { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    /// Drops the jobs not yet started and returns their trial ids.
    func drain() -> [TrainingJob] {
        condition.lock()
        defer { condition.unlock() }
        let left = jobs
        jobs.removeAll()
        return left
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Training threads: each takes jobs from the queue, runs them with Core and pushes the encoded
/// outcome message to the worker's I/O thread over an in-process ZeroMQ socket of its own.
final class TrainerPool {
    let queue = JobQueue()
    let endpoint: String
    private let results: ZMQSocket

    /// Binds the result socket in `context` and starts `threads` training threads, which report
    /// a running trial's progress every `progressInterval` seconds.
    init(context: ZMQContext, threads: Int, name: String, progressInterval: Double) throws(ProtocolError) {
        endpoint = "inproc://mirrorsweep-results-\(name)"
        results = try ZMQSocket(context: context, type: .pull)
        try results.bind(endpoint)
        for index in 0..<threads {
            let queue = self.queue
            let endpoint = self.endpoint
            let thread = Thread {
                TrainerPool.train(queue: queue, context: context, endpoint: endpoint, progressInterval: progressInterval)
            }
            thread.name = "trainer-\(index)"
            thread.start()
        }
    }

    /// The socket the I/O thread polls for finished trials.
    var socket: ZMQSocket { results }

    /// The first frame of what a training thread pushes: a progress report or a finished trial.
    enum Kind: UInt8 {
        case progress = 0x70
        case finished = 0x66
    }

    private static func train(queue: JobQueue, context: ZMQContext, endpoint: String, progressInterval: Double) {
        guard let out = try? ZMQSocket(context: context, type: .push), (try? out.connect(endpoint)) != nil else {
            return
        }
        defer { out.close() }
        let clock = ContinuousClock()
        while let job = queue.pop() {
            let id = Array(job.trialID.utf8)
            var lastReport = clock.now
            let report: (TrialProgress) -> Void = { p in
                guard clock.now - lastReport >= .seconds(progressInterval) else { return }
                lastReport = clock.now
                let message = Message.progress(
                    trialID: job.trialID, attempt: job.attempt, step: p.step, totalSteps: p.totalSteps, metrics: p.metrics)
                _ = try? out.send([[Kind.progress.rawValue], id, MessageCodec.encode(message)])
            }
            let message: Message
            do {
                let result = try runTrial(job.config, seed: job.seed, progress: report)
                message = .result(trialID: job.trialID, attempt: job.attempt, result: result)
            } catch {
                message = .failure(trialID: job.trialID, attempt: job.attempt, message: error.description)
            }
            _ = try? out.send([[Kind.finished.rawValue], id, MessageCodec.encode(message)])
        }
    }

    /// Stops the threads once the jobs already queued are done.
    func close() {
        queue.close()
        results.close()
    }
}
