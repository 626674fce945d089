import Core
import Foundation
import Wire
import ZeroMQ

/// A core trial queued for the training threads, with its configuration.
struct CoreJob {
    var job: TrainingJob
    var config: TrialConfig

    var batchKey: TrialBatchKey? { job.batchKey }
}

/// Blocking first-in first-out queue of core jobs shared by the training threads.
///
/// `@unchecked Sendable`: every access to `jobs` and `closed` happens with `condition` locked.
final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [CoreJob] = []
    private var closed = false

    func push(_ job: TrainingJob, config: TrialConfig) {
        condition.lock()
        jobs.append(CoreJob(job: job, config: config))
        condition.signal()
        condition.unlock()
    }

    /// The next job with up to `limit` − 1 queued jobs of the same batch key, or nil once the
    /// queue is closed and empty. When fewer mates are queued than `limit` allows, waits up to
    /// `gather` seconds for more: the assignments of one batch arrive one message at a time.
    func pop(limit: Int, gather: Double) -> [CoreJob]? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closed { condition.wait() }
        guard !jobs.isEmpty else { return nil }
        let first = jobs.removeFirst()
        guard let key = first.batchKey, limit > 1 else { return [first] }
        let deadline = Date().addingTimeInterval(gather)
        while jobs.count(where: { $0.batchKey == key }) < limit - 1 && !closed && condition.wait(until: deadline) {}
        var batch = [first]
        var index = 0
        while index < jobs.count && batch.count < limit {
            if jobs[index].batchKey == key {
                batch.append(jobs.remove(at: index))
            } else {
                index += 1
            }
        }
        return batch
    }

    /// Drops the jobs not yet started and returns them.
    func drain() -> [CoreJob] {
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

/// Training threads: each takes jobs from the queue (several that share their data at once),
/// runs them with Core and pushes the encoded outcome messages to the worker's I/O thread over an
/// in-process ZeroMQ socket of its own.
final class TrainerPool {
    let queue = JobQueue()
    let endpoint: String
    private let results: ZMQSocket

    /// Binds the result socket in `context` and starts `threads` training threads, which report
    /// a running trial's progress every `progressInterval` seconds and train up to `batchLimit`
    /// queued trials that share their data together.
    init(context: ZMQContext, threads: Int, name: String, progressInterval: Double, batchLimit: Int) throws(ZMQError) {
        endpoint = "inproc://mirrorsweep-results-\(name)"
        results = try ZMQSocket(context: context, type: .pull)
        try results.bind(endpoint)
        for index in 0..<threads {
            let queue = self.queue
            let endpoint = self.endpoint
            let thread = Thread {
                TrainerPool.train(
                    queue: queue, context: context, endpoint: endpoint, progressInterval: progressInterval, batchLimit: batchLimit)
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

    private static func train(
        queue: JobQueue, context: ZMQContext, endpoint: String, progressInterval: Double, batchLimit: Int
    ) {
        guard let out = try? ZMQSocket(context: context, type: .push), (try? out.connect(endpoint)) != nil else {
            return
        }
        defer { out.close() }
        let clock = ContinuousClock()
        while let batch = queue.pop(limit: batchLimit, gather: 0.02) {
            var lastReports = [ContinuousClock.Instant](repeating: clock.now, count: batch.count)
            let report: (Int, TrialProgress) -> Void = { k, p in
                guard clock.now - lastReports[k] >= .seconds(progressInterval) else { return }
                lastReports[k] = clock.now
                let job = batch[k].job
                let message = Message.progress(
                    trialID: job.trialID, attempt: job.attempt, step: p.step, totalSteps: p.totalSteps, metrics: p.metrics)
                _ = try? out.send([[Kind.progress.rawValue], Array(job.trialID.utf8), MessageCodec.encode(message)])
            }
            let outcomes: [Result<TrialResult, CoreError>]
            if batch.count == 1 {
                outcomes = [Result { () throws(CoreError) in try runTrial(batch[0].config, seed: batch[0].job.seed, progress: { report(0, $0) }) }]
            } else {
                outcomes = TrialBatch.run(batch.map { ($0.config, $0.job.seed) }, progress: report)
            }
            for (job, outcome) in zip(batch.map(\.job), outcomes) {
                let message: Message
                switch outcome {
                case let .success(result): message = .result(trialID: job.trialID, attempt: job.attempt, result: result)
                case let .failure(error): message = .failure(trialID: job.trialID, attempt: job.attempt, message: error.description)
                }
                _ = try? out.send([[Kind.finished.rawValue], Array(job.trialID.utf8), MessageCodec.encode(message)])
            }
        }
    }

    /// Stops the threads once the jobs already queued are done.
    func close() {
        queue.close()
        results.close()
    }
}
