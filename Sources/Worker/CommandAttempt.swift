import Core
import Foundation
import JSON
import Logging
import Processes
import Synchronization
import Wire

/// One attempt of a command trial: prepares its directory, runs the program in a process group
/// of its own and turns what the program reported into a `result` or `failure` message.
///
/// The attempt's directory holds `config.json` (`MIRRORSWEEP_CONFIG`), the place of
/// `result.json` (`MIRRORSWEEP_RESULT`) and, when the trial names no working directory, the
/// fresh scratch directory `work` the program runs in; it is removed when the attempt ends.
final class CommandAttempt: Sendable {
    let job: TrainingJob
    let trial: CommandTrial
    /// The attempt's directory.
    let directory: String
    private let group: ProcessGroup
    private let progressInterval: Double
    private let logger: Logger
    private let state: Mutex<State>

    /// The longest output line read whole (8 MiB): a result object on standard output, curves
    /// included, must fit in one line.
    static let maxLineLength = 8 << 20

    private struct State {
        var tail = CommandOutputTail()
        var lastStep = 0
        var lastReport: ContinuousClock.Instant
        var resultLine: JSONValue?
        var timedOut = false
        var abandoned = false
    }

    /// An attempt of `job` in `directory` (not yet created); `device` becomes `CUDA_VISIBLE_DEVICES`.
    init(
        job: TrainingJob, trial: CommandTrial, directory: String, device: String?, killGrace: Double,
        progressInterval: Double, logger: Logger
    ) {
        self.job = job
        self.trial = trial
        self.directory = directory
        self.progressInterval = progressInterval
        self.logger = logger
        state = Mutex(State(lastReport: ContinuousClock.now))
        var environment: [String: String?] = [
            "MIRRORSWEEP_CONFIG": directory + "/config.json",
            "MIRRORSWEEP_RESULT": directory + "/result.json",
            "MIRRORSWEEP_TRIAL_ID": job.trialID,
            "MIRRORSWEEP_SEED": String(job.seed),
            "MIRRORSWEEP_ATTEMPT": String(job.attempt),
        ]
        if let device { environment["CUDA_VISIBLE_DEVICES"] = device }
        let configuration = ProcessConfiguration(
            arguments: trial.arguments(seed: job.seed, trialID: job.trialID), environment: environment,
            workingDirectory: trial.workingDirectory ?? directory + "/work")
        group = ProcessGroup(configuration, grace: .milliseconds(Int64(killGrace * 1000)))
    }

    /// Ends the program's process group; the attempt then reports nothing.
    func abandon() async {
        state.withLock { $0.abandoned = true }
        await group.end()
    }

    /// Runs the attempt, passing each progress report (throttled to one per progress interval) to
    /// `progress`; the `result` or `failure` message, or nil when the attempt was abandoned.
    func run(progress: @escaping @Sendable (Message) -> Void) async -> Message? {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try prepare()
        } catch {
            return failure("\(error)")
        }
        defer { removeDirectory() }
        let timer = trial.timeout.map { seconds in
            Task {
                do { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) } catch { return }
                self.state.withLock { $0.timedOut = true }
                await self.group.end()
            }
        }
        let termination: ProcessTermination
        do {
            termination = try await group.run(maxLineLength: Self.maxLineLength) { stream, line in
                self.received(stream, line, progress: progress)
            }
        } catch {
            timer?.cancel()
            return state.withLock { $0.abandoned } ? nil : failure("\(error)")
        }
        timer?.cancel()
        let elapsed = (clock.now - start).components
        let wallSeconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        let (abandoned, timedOut, steps, resultLine) = state.withLock { ($0.abandoned, $0.timedOut, $0.lastStep, $0.resultLine) }
        if abandoned { return nil }
        if timedOut, let timeout = trial.timeout { return failure("timed out after \(CommandField.text(of: .double(timeout))) s") }
        guard termination.isSuccess else { return failure(termination.description) }
        let reported: (metrics: [String: Double], curves: [CurvePoint])
        do {
            reported = try readResult(stdoutLine: resultLine)
        } catch {
            return failure("\(error)")
        }
        let log = state.withLock { $0.tail.log }
        return .result(
            trialID: job.trialID, attempt: job.attempt,
            result: TrialResult(
                status: .completed, steps: steps, wallSeconds: wallSeconds, x: [], metrics: reported.metrics, curves: reported.curves,
                log: log))
    }

    /// What the program reported: the `MIRRORSWEEP_RESULT` file when it wrote one, else the last
    /// result line on standard output.
    private func readResult(stdoutLine: JSONValue?) throws(WorkerError) -> (metrics: [String: Double], curves: [CurvePoint]) {
        if let bytes = FileManager.default.contents(atPath: directory + "/result.json") {
            do {
                return try CommandResultParser.result(try JSONParser.parse([UInt8](bytes)))
            } catch {
                throw .invalidCommandOutput(reason: "invalid result: \(error) (in the MIRRORSWEEP_RESULT file)")
            }
        }
        guard let stdoutLine else {
            throw .invalidCommandOutput(
                reason: "exited with status 0 but wrote no result: no MIRRORSWEEP_RESULT file and no {\"metrics\": …} line on standard output")
        }
        do {
            return try CommandResultParser.result(stdoutLine)
        } catch {
            throw .invalidCommandOutput(reason: "invalid result: \(error) (on standard output)")
        }
    }

    /// Creates the attempt's directory (and scratch directory) and writes the config file, with
    /// plain system calls: this runs for every attempt, and a short program's attempt is short.
    private func prepare() throws(WorkerError) {
        func fail(_ path: String) -> WorkerError { .commandSetup(path: path, reason: String(cString: strerror(errno))) }
        if mkdir(directory, 0o700) != 0 {
            guard errno == ENOENT, (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil else {
                throw fail(directory)
            }
        }
        if trial.workingDirectory == nil {
            guard mkdir(directory + "/work", 0o700) == 0 else { throw fail(directory + "/work") }
        }
        let path = directory + "/config.json"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fail(path) }
        defer { close(fd) }
        let bytes = trial.configFile(seed: job.seed, trialID: job.trialID)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw fail(path) }
    }

    /// Removes the attempt's directory: its known files first, everything when the program left more.
    private func removeDirectory() {
        unlink(directory + "/config.json")
        unlink(directory + "/result.json")
        if trial.workingDirectory == nil { rmdir(directory + "/work") }
        if rmdir(directory) != 0 && errno != ENOENT { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// A line of the program's output: a progress report, a result candidate, and the log's tail.
    private func received(_ stream: StandardStream, _ line: String, progress: @Sendable (Message) -> Void) {
        if stream == .output {
            do {
                if let report = try CommandResultParser.progress(line) {
                    reportProgress(report, progress)
                    return
                }
            } catch {
                logger.debug("trial \(job.trialID): ignored a malformed progress line: \(error)")
            }
            if let value = CommandResultParser.resultLine(line) { state.withLock { $0.resultLine = value } }
        }
        state.withLock { $0.tail.append(stream, line) }
    }

    private func reportProgress(_ report: TrialProgress, _ send: @Sendable (Message) -> Void) {
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            state.lastStep = report.step
            guard now - state.lastReport >= .milliseconds(Int64(progressInterval * 1000)) else { return false }
            state.lastReport = now
            return true
        }
        if due {
            send(.progress(trialID: job.trialID, attempt: job.attempt, step: report.step, totalSteps: report.totalSteps, metrics: report.metrics))
        }
    }

    /// A failure that says what happened, then the last lines of standard error; the log's tail with it.
    private func failure(_ what: String) -> Message {
        let (log, errors) = state.withLock { ($0.tail.log, $0.tail.errorTail) }
        let message = errors.map { "\(what)\nlast lines of standard error:\n\($0)" } ?? what
        return .failure(trialID: job.trialID, attempt: job.attempt, message: message, log: log)
    }
}
