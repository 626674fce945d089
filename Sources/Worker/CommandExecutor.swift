import Foundation

/// The threads that run command trials' tasks (and swift-subprocess's tasks under them).
///
/// Tasks started with this executor as their preference, and every task they start, run here
/// instead of on the global concurrent executor. That pool has one thread per core; a host program
/// that blocks those threads (a test runner running synchronous tests, say) would otherwise keep a
/// finished program from ever being reported.
///
/// `@unchecked Sendable`: `jobs` is only touched with `condition` locked.
final class CommandExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor every command pool of this process uses.
    static let shared = CommandExecutor(threads: 4)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0

    private init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.serve() }
            thread.name = "command-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
