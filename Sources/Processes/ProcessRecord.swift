import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the task that runs a ``BackgroundProcess`` learns, for the threads that ask: how its
/// start went (waited for once, by the starting thread) and how it ended (waited for by any).
final class ProcessRecord: Sendable {
    private let state = Mutex<(launch: Result<pid_t, ProcessError>?, end: BackgroundProcess.State)>((nil, .running))
    private let launchDecided = DispatchSemaphore(value: 0)
    private let endDecided = DispatchSemaphore(value: 0)

    /// Records how the start went; only the first call counts.
    func launched(_ result: Result<pid_t, ProcessError>) {
        let first = state.withLock { state in
            guard state.launch == nil else { return false }
            state.launch = result
            return true
        }
        if first { launchDecided.signal() }
    }

    /// Blocks until the start is recorded and returns it.
    func waitForLaunch() -> Result<pid_t, ProcessError> {
        launchDecided.wait()
        launchDecided.signal()
        return state.withLock { $0.launch! }
    }

    /// Records how the program ended, unless that is already known.
    func ended(_ end: BackgroundProcess.State) {
        let first = state.withLock { state in
            guard state.end == .running else { return false }
            state.end = end
            return true
        }
        if first { endDecided.signal() }
    }

    /// Whether the program runs, or how it ended.
    var end: BackgroundProcess.State { state.withLock { $0.end } }

    /// Runs `body` while the ending cannot be recorded, if the program still runs: the program is
    /// then not reaped yet, so its pid is still its own.
    func whileRunning(_ body: () -> Void) {
        state.withLock { state in
            if state.end == .running { body() }
        }
    }

    /// Blocks until the ending is recorded, or until `deadline`; returns the state.
    func waitForEnd(deadline: DispatchTime?) -> BackgroundProcess.State {
        if endDecided.wait(timeout: deadline ?? .distantFuture) == .success { endDecided.signal() }
        return end
    }
}
