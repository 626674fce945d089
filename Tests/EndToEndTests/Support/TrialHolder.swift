import Foundation
import Synchronization
import Wire
import ZeroMQ

/// A well-behaved client that leases trials and keeps them, heartbeating on its own thread, until
/// `release()` says `bye`: while it holds a trial a sweep cannot finish, however fast the other
/// workers are, so a test can act on a running sweep without racing it.
final class TrialHolder: Sendable {
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var trialIDs: [String] = []
        var released = false
        var failure: String?
    }

    /// Connects as worker `name` with `slots` slots, asks for that many trials and starts
    /// heartbeating.
    init(context: ZMQContext, endpoint: String, name: String, slots: Int = 1) {
        let thread = Thread { [self] in
            do {
                try hold(context: context, endpoint: endpoint, name: name, slots: slots)
            } catch {
                state.withLock { $0.failure = "\(error)" }
            }
            finished.signal()
        }
        thread.start()
    }

    /// The ids of the trials the coordinator has assigned so far.
    var trialIDs: [String] { state.withLock(\.trialIDs) }

    /// Why the holder stopped early, if it did.
    var failure: String? { state.withLock(\.failure) }

    /// Says `bye`, which hands the trial back to the sweep, and waits for the thread to end.
    func release() {
        state.withLock { $0.released = true }
        finished.wait()
    }

    /// Waits up to `timeout` until `count` trials are held; false if the holder failed or timed out.
    func waitUntilHolding(_ count: Int, timeout: Duration = .seconds(30)) -> Bool {
        SweepFixture.waitUntil(timeout: timeout) { trialIDs.count >= count || failure != nil } && failure == nil
    }

    private func hold(context: ZMQContext, endpoint: String, name: String, slots: Int) throws {
        let client = try RogueClient(context: context, endpoint: endpoint, name: name)
        try client.send(.hello(workerID: name, version: protocolVersion, slots: slots, host: "holder", pid: 1))
        try client.send(.workRequest(credit: slots))
        while !state.withLock(\.released) {
            try client.send(.heartbeat)
            if case let .assignment(trialID, _, _, _) = try client.receive(timeoutMilliseconds: 50) {
                state.withLock { $0.trialIDs.append(trialID) }
            }
        }
        try client.send(.bye(reason: "released by the test"))
    }
}
