import Core

/// A coordinator↔worker message, version 1. On the wire each is one ZeroMQ frame of UTF-8 JSON
/// `{"v": 1, "type": "<type>", …fields}` (see docs/PROTOCOL.md and `MessageCodec`).
public enum Message: Sendable, Hashable {
    /// Worker → coordinator, first message after connecting. `version` is the protocol version the
    /// worker speaks, `slots` how many trials it can run at once, `pid` its process id on `host`.
    case hello(workerID: String, version: Int, slots: Int, host: String, pid: Int32)
    /// Coordinator → worker: accepted. Heartbeat every `heartbeatInterval` seconds; a peer silent for
    /// `heartbeatLiveness` intervals is dead. `runID` names the sweep run.
    case welcome(heartbeatInterval: Double, heartbeatLiveness: Int, runID: String)
    /// Coordinator → worker: not accepted (e.g. another protocol version); the worker exits with `reason`.
    case refuse(reason: String)
    /// Worker → coordinator: the worker can take `credit` more trials.
    case workRequest(credit: Int)
    /// Coordinator → worker: run the trial `trialID` (hex) — the core on a configuration, or a
    /// command — with `seed`; `attempt` counts from 1 and rises each time the trial is handed out again.
    case assignment(trialID: String, attempt: Int, seed: UInt64, work: TrialWork)
    /// Worker → coordinator: the trial reached `step` of `totalSteps`, with current `metrics`.
    case progress(trialID: String, attempt: Int, step: Int, totalSteps: Int, metrics: [String: Double])
    /// Worker → coordinator: the trial finished (completed or diverged).
    case result(trialID: String, attempt: Int, result: TrialResult)
    /// Worker → coordinator: the trial threw; `message` is the error's description, `log` the end
    /// of a command trial's output.
    case failure(trialID: String, attempt: Int, message: String, log: String? = nil)
    /// Coordinator → worker: the result or failure of `trialID` is committed durably.
    case ack(trialID: String)
    /// Both ways, every heartbeat interval when nothing else was sent.
    case heartbeat
    /// Worker → coordinator, every heartbeat interval: the trials the worker holds (queued,
    /// running, or with a result not yet acknowledged). A trial assigned to the worker long ago
    /// and missing here was lost on the way, and the coordinator hands it out again.
    case holding(trialIDs: [String])
    /// Coordinator → worker: no work left or the coordinator stops; the worker exits.
    case shutdown(reason: String)
    /// Worker → coordinator: the worker leaves and releases its unfinished trials.
    case bye(reason: String)

    /// The wire name of the message, the envelope's `type`.
    public var type: MessageType {
        switch self {
        case .hello: .hello
        case .welcome: .welcome
        case .refuse: .refuse
        case .workRequest: .workRequest
        case .assignment: .assignment
        case .progress: .progress
        case .result: .result
        case .failure: .failure
        case .ack: .ack
        case .heartbeat: .heartbeat
        case .holding: .holding
        case .shutdown: .shutdown
        case .bye: .bye
        }
    }
}

/// The `type` names of the messages on the wire.
public enum MessageType: String, Sendable, Hashable, CaseIterable {
    /// `hello`, worker → coordinator.
    case hello
    /// `welcome`, coordinator → worker.
    case welcome
    /// `refuse`, coordinator → worker.
    case refuse
    /// `work_request`, worker → coordinator.
    case workRequest = "work_request"
    /// `assignment`, coordinator → worker.
    case assignment
    /// `progress`, worker → coordinator.
    case progress
    /// `result`, worker → coordinator.
    case result
    /// `failure`, worker → coordinator.
    case failure
    /// `ack`, coordinator → worker.
    case ack
    /// `heartbeat`, both ways.
    case heartbeat
    /// `holding`, worker → coordinator.
    case holding
    /// `shutdown`, coordinator → worker.
    case shutdown
    /// `bye`, worker → coordinator.
    case bye
}
