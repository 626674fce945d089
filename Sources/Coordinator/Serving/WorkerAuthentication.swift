import Logging
import ZeroMQ

/// The coordinator's CURVE guard: a ZAP handler that admits only listed worker keys, and a
/// monitor of the handshakes that never reach it (e.g. workers without CURVE); both are logged.
///
/// Lives on the coordinator's thread: poll ``sockets`` and call ``serve()``.
final class WorkerAuthentication {
    private let zap: ZAPHandler
    private let monitor: HandshakeMonitor
    private let logger: Logger

    /// Binds the ZAP handler in `router`'s context and makes `router` a CURVE server; call before
    /// `router` binds.
    init(router: ZMQSocket, curve: CurveServerKeys, logger: Logger) throws(ZMQError) {
        zap = try ZAPHandler(context: router.context, allowedClients: curve.allowedClients)
        try router.makeCurveServer(curve)
        monitor = try HandshakeMonitor(monitoring: router)
        self.logger = logger
    }

    /// The sockets to poll for input.
    var sockets: [ZMQSocket] { [zap.socket, monitor.socket] }

    /// Answers pending authentication requests and logs refusals and failed handshakes.
    func serve() throws(ZMQError) {
        for decision in try zap.answerPending() {
            if decision.accepted {
                logger.debug("accepted the CURVE key of worker '\(decision.clientName ?? "")' from \(decision.address)")
            } else {
                logger.warning("refused a \(decision.mechanism) connection from \(decision.address): \(decision.reason)",
                               metadata: ["key": "\(decision.clientKey ?? "none")"])
            }
        }
        for failure in try monitor.pendingFailures() {
            if case .authentication = failure.cause {
                logger.debug("\(failure)")
            } else {
                logger.warning("refused a connection: \(failure)")
            }
        }
    }
}
