import Foundation
@testable import Launchers

/// Bounded waits for the children the end-to-end tests start.
///
/// The tests start processes with the Coordinator's ``ChildProcess`` (posix_spawn, reaped by
/// `waitpid` on the pid), not Foundation's `Process`: on Linux that learns that a child ended
/// when a socket the child inherited closes, and a daemon the child starts (munged from
/// `scripts/slurm-local`, say) keeps that socket open, so a wait for the child never ends.
extension ChildProcess {
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
