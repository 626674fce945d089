import Wire

/// Something that happened, as the worker's shell reports it to the ``WorkerSession``.
public enum WorkerSessionEvent: Hashable, Sendable {
    /// The worker starts: the first session opens.
    case started
    /// The coordinator accepted the worker and set the liveness parameters of the session.
    case welcomed(heartbeatInterval: Double, heartbeatLiveness: Int, runID: String)
    /// The coordinator does not accept the worker.
    case refused(reason: String)
    /// The coordinator assigned a trial.
    case assigned(TrainingJob)
    /// The coordinator committed the report of a trial.
    case acknowledged(trialID: String)
    /// The coordinator's heartbeat.
    case heartbeat
    /// The coordinator has no work left for the worker, or stops.
    case shutdown(reason: String)
    /// A well-formed message a worker does not expect, named by its type; still a sign of life.
    case unexpected(type: String)
    /// A training thread reports a running trial's progress, as an encoded `progress` frame.
    case trialProgressed(trialID: String, report: [UInt8])
    /// A training thread finished a trial, with its encoded `result` or `failure` frame.
    case trialFinished(trialID: String, report: [UInt8])
    /// Time passed: hellos, holding lists and resends are due and the coordinator's silence is
    /// checked only on this event.
    case tick
    /// A stop was asked for (SIGTERM/SIGINT).
    case stopRequested(reason: String)
}

extension WorkerSessionEvent {
    /// The event a message from the coordinator stands for.
    public init(message: Message) {
        switch message {
        case let .welcome(interval, liveness, runID):
            self = .welcomed(heartbeatInterval: interval, heartbeatLiveness: liveness, runID: runID)
        case let .refuse(reason):
            self = .refused(reason: reason)
        case let .assignment(trialID, attempt, seed, work):
            self = .assigned(TrainingJob(trialID: trialID, attempt: attempt, seed: seed, work: work))
        case let .ack(trialID):
            self = .acknowledged(trialID: trialID)
        case .heartbeat:
            self = .heartbeat
        case let .shutdown(reason):
            self = .shutdown(reason: reason)
        case .hello, .workRequest, .progress, .result, .failure, .bye, .holding:
            self = .unexpected(type: message.type.rawValue)
        }
    }
}
