import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A task executor with one OS thread of its own, which runs the jobs given to it in order.
///
/// ``BackgroundProcess`` starts its programs in tasks that prefer this executor
/// (`Task(executorPreference:)`), so swift-subprocess's start of a program and its child tasks
/// need no thread of Swift's global concurrent pool: a synchronous caller blocking those threads
/// (a coordinator tick, a synchronous test) cannot starve them.
final class ThreadExecutor: TaskExecutor, Sendable {
    /// The executor of every ``BackgroundProcess``; its thread starts on first use.
    static let shared = ThreadExecutor()

    private let jobs = Mutex<[UnownedJob]>([])
    private let available = DispatchSemaphore(value: 0)

    private init() {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<ThreadExecutor>.fromOpaque(context).takeRetainedValue().runJobs()
        }, context)
        precondition(created == 0, "cannot start the thread of the process executor: errno \(created)")
        pthread_detach(thread)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        available.signal()
    }

    /// Runs the jobs as they come, one per signal of `available`.
    private func runJobs() -> Never {
        while true {
            available.wait()
            if let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }
}
