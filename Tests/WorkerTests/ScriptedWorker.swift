import Foundation
import Logging
import Worker
import ZeroMQ

/// A real ``WorkerLoop`` on its own thread, connected to a ROUTER socket that the test drives
/// as a scripted coordinator.
final class ScriptedWorker {
    /// The coordinator's side: the test receives the worker's messages here and answers them.
    let router: ZMQSocket
    /// Raised by ``stopAndWait()``; the loop says goodbye and exits.
    let stop = StopSignal()
    /// How the loop ended, once it has.
    let exit = WorkerExitBox()
    private let context: ZMQContext

    /// Binds a ROUTER on a free loopback port and starts a worker loop with the options
    /// `options` gives for that endpoint.
    init(_ options: (String) -> WorkerOptions) throws {
        context = try ZMQContext()
        router = try ZMQSocket(context: context, type: .router)
        try router.bind("tcp://127.0.0.1:*")
        let options = options(try router.lastEndpoint())
        let (stop, exit) = (stop, exit)
        Thread { exit.set(Result { try WorkerLoop(options: options, stop: stop, logger: Logger(label: "test")).run() }) }.start()
    }

    /// Asks the loop to stop and waits up to 30 s for it to end.
    func stopAndWait() {
        stop.raise()
        _ = exit.wait(seconds: 30)
    }
}
