/// A worker's side of the protocol as a pure state machine: events in, directives out.
///
/// It performs no I/O and reads no clock; the shell (``WorkerLoop``) passes the time (monotonic
/// seconds) with every event and carries out the directives. Rules (docs/PROTOCOL.md):
/// - Until welcomed, a session says hello again after ``WorkerOptions/reconnectDelay`` seconds,
///   doubling the wait up to ``WorkerOptions/maxReconnectDelay``; from 1 s on it logs that it
///   is waiting, at doubling intervals up to a minute, and once welcomed that it is connected.
/// - Once welcomed it asks for a window of trials: every slot busy plus a prefetch of about
///   20 ms of work (a full batch per slot while trials come in batches); each finished trial asks
///   for one more, plus whatever the window grew by.
/// - Every heartbeat interval it lists the trials it holds: assigned and not finished, or
///   reported and not acknowledged. A report unacknowledged for the coordinator's dead-after
///   time is sent again.
/// - A coordinator silent for its dead-after time is dead: a new session opens (a new
///   connection, then hello) and what the old one held is forgotten.
/// - A shutdown ends the run; a stop request says goodbye first; a refusal ends it as an error.
///   After the end every event is ignored.
public struct WorkerSession: Sendable {
    /// The worker's slots, batch limit and reconnection delays.
    public let options: WorkerOptions

    /// The current session's number: 1 for the first, 0 before ``WorkerSessionEvent/started``.
    public internal(set) var sessionNumber = 0
    /// Whether the coordinator welcomed the current session.
    public internal(set) var isWelcomed = false
    /// Whether the run ended: an exit or refusal was directed.
    public internal(set) var hasEnded = false

    var heartbeatInterval = 1.0
    var heartbeatLiveness = 5
    var lastHeard = 0.0
    var nextHello = 0.0
    var helloDelay: Double
    /// Hellos said in the current session.
    var helloAttempts = 0
    /// When the next "waiting for the coordinator" line is due, and the wait after it.
    var nextWaitingLog = 0.0
    var waitingLogDelay = 0.0
    /// Trials assigned in this session and not yet finished, with when they were assigned.
    var held: [String: Double] = [:]
    /// When the worker last told the coordinator which trials it holds.
    var lastHolding = -Double.infinity
    /// Trials this session has asked for beyond those it returned: its window of work in flight.
    var window = 0
    /// Finished trials whose report the coordinator has not acknowledged: the encoded report and
    /// when it was last sent, by trial id.
    var unacknowledged: [String: (report: [UInt8], sentAt: Double)] = [:]
    var meanTrialSeconds = 1.0
    /// Whether the latest assignment can train with others: then the window holds full batches.
    var batching = false
    var output: [WorkerSessionDirective] = []

    /// A worker that has not started yet.
    public init(options: WorkerOptions) {
        self.options = options
        helloDelay = options.reconnectDelay
    }

    /// The coordinator's silence, in seconds, after which it is dead.
    public var deadAfter: Double { heartbeatInterval * Double(heartbeatLiveness) }

    /// The trials the session holds: assigned and not finished, or reported and not acknowledged.
    public var heldTrialIDs: [String] { Set(held.keys).union(unacknowledged.keys).sorted() }

    /// Applies one event at time `now` and returns what the shell must do, in order.
    public mutating func handle(_ event: WorkerSessionEvent, now: Double) -> [WorkerSessionDirective] {
        guard !hasEnded else { return [] }
        output = []
        switch event {
        case .started:
            openSession(now: now)
        case let .welcomed(interval, liveness, runID):
            lastHeard = now
            welcomed(heartbeatInterval: interval, heartbeatLiveness: liveness, runID: runID)
        case let .refused(reason):
            end(.refused(reason: reason))
        case let .assigned(job):
            lastHeard = now
            held[job.trialID] = now
            batching = job.batchKey != nil && options.maxTrialsPerBatch > 1
            emit(.startTraining(job))
        case let .acknowledged(trialID):
            lastHeard = now
            unacknowledged.removeValue(forKey: trialID)
        case .heartbeat:
            lastHeard = now
        case let .shutdown(reason):
            end(.exit(.shutdown(reason: reason)))
        case let .unexpected(type):
            lastHeard = now
            emit(.log(level: .warning, message: "dropped an unexpected \(type) message"))
        case let .trialProgressed(trialID, report):
            if held[trialID] != nil { emit(.sendProgress(trialID: trialID, report: report)) }
        case let .trialFinished(trialID, report):
            finished(trialID: trialID, report: report, now: now)
        case .tick:
            timePassed(now: now)
        case let .stopRequested(reason):
            emit(.sendBye(reason: reason))
            end(.exit(.stopped))
        }
        let directives = output
        output = []
        return directives
    }

    mutating func emit(_ directive: WorkerSessionDirective) {
        output.append(directive)
    }

    mutating func end(_ directive: WorkerSessionDirective) {
        emit(directive)
        hasEnded = true
    }
}
