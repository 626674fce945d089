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

    /// Binds the result socket in `context` and starts `threads` training threads.
    init(context: ZMQContext, threads: Int, name: String) throws(ProtocolError) {
        endpoint = "inproc://mirrorsweep-results-\(name)"
        results = try ZMQSocket(context: context, type: .pull)
        try results.bind(endpoint)
        for index in 0..<threads {
            let queue = self.queue
            let endpoint = self.endpoint
            let thread = Thread {
                TrainerPool.train(queue: queue, context: context, endpoint: endpoint)
            }
            thread.name = "trainer-\(index)"
            thread.start()
        }
    }

    /// The socket the I/O thread polls for finished trials.
    var socket: ZMQSocket { results }

    private static func train(queue: JobQueue, context: ZMQContext, endpoint: String) {
        guard let out = try? ZMQSocket(context: context, type: .push), (try? out.connect(endpoint)) != nil else {
            return
        }
        defer { out.close() }
        while let job = queue.pop() {
            let message: Message
            do {
                let result = try runTrial(job.config, seed: job.seed)
                message = .result(trialID: job.trialID, attempt: job.attempt, result: result)
            } catch {
                message = .failure(trialID: job.trialID, attempt: job.attempt, message: error.description)
            }
            _ = try? out.send([Array(job.trialID.utf8), MessageCodec.encode(message)])
        }
    }

    /// Stops the threads once the jobs already queued are done.
    func close() {
        queue.close()
        results.close()
    }
}
