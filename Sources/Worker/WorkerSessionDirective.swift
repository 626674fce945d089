import Logging

/// Something the worker's shell must do on behalf of the ``WorkerSession``, in order.
public enum WorkerSessionDirective: Hashable, Sendable {
    /// Close the current connection, if any, and open a new one whose routing id names this
    /// session number; drop the trials queued for training and not yet started, and end the
    /// command trials still running (their whole process groups).
    case openConnection(session: Int)
    /// Send `hello` with the worker's id, protocol version, slots, host and process id.
    case sendHello
    /// Send `work_request` for this many more trials.
    case requestWork(credit: Int)
    /// Send `holding` with these trial ids.
    case sendHolding(trialIDs: [String])
    /// Send a trial's encoded `result` or `failure` frame (first sent or resent).
    case sendReport(trialID: String, report: [UInt8])
    /// Send a running trial's encoded `progress` frame.
    case sendProgress(trialID: String, report: [UInt8])
    /// Queue the trial for the training threads.
    case startTraining(TrainingJob)
    /// Drop the trials queued and not yet started, end the command trials still running, then
    /// send `bye` and let it linger on close.
    case sendBye(reason: String)
    /// End the run this way.
    case exit(WorkerExit)
    /// End the run with ``WorkerError/refused(reason:)``.
    case refused(reason: String)
    /// Something worth a log line.
    case log(level: Logger.Level, message: String)
}
