import Dispatch
import Hummingbird
import Journaling
import Logging
import Synchronization

/// The dashboard's read-only HTTP server on its own event loop threads: `GET /` (the page),
/// `GET /api/status` (``DashboardSnapshot`` as JSON) and `GET /metrics` (Prometheus text), all
/// from snapshots of the run directory's journal taken at most once a second.
public final class DashboardServer: Sendable {
    /// Where the page is, `http://HOST:PORT/` with the port actually bound.
    public let url: String
    private let task: Task<Void, Never>
    private let finished: DispatchSemaphore

    /// How long ``stop()`` waits for the server to close.
    static let stopTimeout = DispatchTimeInterval.seconds(5)

    /// Starts serving the journal of `runDirectory` on `address`; returns once it listens.
    public init(address: DashboardAddress, runDirectory: String, logger: Logger) throws(DashboardError) {
        let journal: Journal
        do {
            journal = try Journal.openForReading(runDirectory: runDirectory, logger: logger)
        } catch {
            throw .snapshot(runDirectory: runDirectory, cause: "\(error)")
        }
        let cache = DashboardSnapshotCache(journal: journal, runDirectory: runDirectory)
        let metrics = DashboardMetrics()
        let router = Router()
        router.get("/") { _, _ in
            Self.response(DashboardPage.html, type: "text/html; charset=utf-8")
        }
        router.get("/api/status") { _, _ in
            do {
                return Self.response(String(decoding: try cache.snapshot().json(), as: UTF8.self), type: "application/json")
            } catch {
                return Self.response("\(error)\n", type: "text/plain; charset=utf-8", status: .internalServerError)
            }
        }
        router.get("/metrics") { _, _ in
            do {
                return Self.response(metrics.exposition(of: try cache.snapshot()), type: "text/plain; version=0.0.4; charset=utf-8")
            } catch {
                return Self.response("\(error)\n", type: "text/plain; charset=utf-8", status: .internalServerError)
            }
        }
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let outcome = StartOutcome()
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                outcome.result.withLock { $0 = .success(port) }
                started.signal()
            },
            logger: logger)
        task = Task.detached {
            do {
                try await app.runService(gracefulShutdownSignals: [])
            } catch {
                outcome.result.withLock { if $0 == nil { $0 = .failure(.cannotListen(address: "\(address)", cause: "\(error)")) } }
            }
            outcome.result.withLock { if $0 == nil { $0 = .failure(.cannotListen(address: "\(address)", cause: "the server stopped")) } }
            started.signal()
            finished.signal()
        }
        self.finished = finished
        started.wait()
        switch outcome.result.withLock({ $0 }) {
        case let .success(port):
            url = "http://\(DashboardAddress(host: address.host, port: port))/"
        case let .failure(error):
            throw error
        case nil:
            throw .cannotListen(address: "\(address)", cause: "the server did not start")
        }
        logger.info("dashboard listening", metadata: ["url": "\(url)"])
    }

    /// Stops the server and waits (a few seconds at most) until it has closed.
    public func stop() {
        task.cancel()
        _ = finished.wait(timeout: .now() + Self.stopTimeout)
    }

    /// What the server's task tells ``init``: the port it listens on, or why it could not.
    private final class StartOutcome: Sendable {
        let result = Mutex<Result<Int, DashboardError>?>(nil)
    }

    private static func response(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
