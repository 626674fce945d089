@testable import Coordinator
import Foundation

/// Bounded waits for the children the end-to-end tests start.
///
/// The tests start processes with the Coordinator's ``ChildProcess`` (posix_spawn, reaped by
/// `waitpid` on the pid), not Foundation's `Process`: on Linux that learns that a child ended
/// when a socket the child inherited closes, and a daemon the child starts (munged from
/// `scripts/slurm-local`, say) keeps that socket open, so a wait for the child never ends.
extension ChildProcess {
    /// Starts the executable at `path` with stdin from /dev/null, stdout to `output` and stderr
    /// to `error`, in `environment`.
    static func start(
        _ path: String, _ arguments: [String], environment: [String: String], output: Int32, error: Int32
    ) throws -> ChildProcess {
        try ChildProcess(
            program: path, arguments: arguments, input: FileHandle.nullDevice.fileDescriptor, output: output, error: error,
            environment: environment)
    }

    /// Polls until the child ends; false when it is still running after `timeout`.
    func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// Kills the child with SIGKILL and reaps it.
    func killAndReap() {
        signal(SIGKILL)
        waitUntilExit()
    }
}
