import Core
import Testing
import Worker

/// The worker's session state machine, driven by hand: no sockets, no clock.
@Suite("Worker session")
struct WorkerSessionTests {
    static let report: [UInt8] = Array(#"{"v":1,"type":"result"}"#.utf8)

    /// A noop trial's job.
    func job(_ trialID: String, attempt: Int = 1) -> TrainingJob {
        var config = TrialConfig()
        config.problem = .noop
        return TrainingJob(trialID: trialID, attempt: attempt, seed: 7, work: .core(config))
    }

    /// A session with `slots` slots, started at 0 and welcomed at 0 with a 1 s interval and liveness 5.
    func welcomedSession(slots: Int = 2) -> WorkerSession {
        var session = WorkerSession(options: WorkerOptions(endpoint: "inproc://test", slots: slots, workerID: "w"))
        _ = session.handle(.started, now: 0)
        _ = session.handle(.welcomed(heartbeatInterval: 1, heartbeatLiveness: 5, runID: "run"), now: 0)
        return session
    }

    @Test("it opens a connection and says hello, then again after doubling waits up to the longest")
    func helloBackoff() {
        let options = WorkerOptions(endpoint: "inproc://test", workerID: "w", reconnectDelay: 0.25, maxReconnectDelay: 0.5)
        var session = WorkerSession(options: options)
        #expect(session.handle(.started, now: 10) == [.openConnection(session: 1), .sendHello])
        #expect(session.handle(.tick, now: 10.125) == [])
        #expect(session.handle(.tick, now: 10.25) == [.sendHello])
        #expect(session.handle(.tick, now: 10.5) == [])
        #expect(session.handle(.tick, now: 10.75) == [.sendHello])
        #expect(session.handle(.tick, now: 11) == [])
        #expect(session.handle(.tick, now: 11.25) == [.sendHello, Self.waiting(attempt: 4, next: "0.5")], "the wait stops doubling at 0.5 s")
        #expect(session.handle(.tick, now: 1_000) == [.sendHello, Self.waiting(attempt: 5, next: "0.5")], "no silence is checked before the welcome")
    }

    /// The line a session waiting for `inproc://test` logs.
    static func waiting(attempt: Int, next: String) -> WorkerSessionDirective {
        .log(level: .info, message: "waiting for the coordinator at inproc://test (attempt \(attempt), next in \(next) s)")
    }

    /// Options whose hello waits (1/8 s doubling up to 4 s) are exact in binary, for exact times.
    static let eighths = WorkerOptions(endpoint: "inproc://test", workerID: "w", reconnectDelay: 0.125, maxReconnectDelay: 4)

    /// The log lines among `directives`.
    static func logs(_ directives: [WorkerSessionDirective]) -> [WorkerSessionDirective] {
        directives.filter { if case .log = $0 { true } else { false } }
    }

    @Test("unanswered, it logs that it waits from 1 s on, at growing intervals, and that it connected once welcomed")
    func waitingLog() {
        var session = WorkerSession(options: Self.eighths)
        #expect(session.handle(.started, now: 0) == [.openConnection(session: 1), .sendHello])
        var logged: [Double: [WorkerSessionDirective]] = [:]
        for step in 1...256 {
            let now = Double(step) / 8
            let lines = Self.logs(session.handle(.tick, now: now))
            if !lines.isEmpty { logged[now] = lines }
        }
        #expect(logged == [
            1.875: [Self.waiting(attempt: 5, next: "2")],
            3.875: [Self.waiting(attempt: 6, next: "4")],
            7.875: [Self.waiting(attempt: 7, next: "4")],
            15.875: [Self.waiting(attempt: 9, next: "4")],
            31.875: [Self.waiting(attempt: 13, next: "4")],
        ])
        #expect(Self.logs(session.handle(.welcomed(heartbeatInterval: 1, heartbeatLiveness: 5, runID: "run"), now: 32))
            == [.log(level: .info, message: "connected to the coordinator at inproc://test; joined run run")])
        #expect(Self.logs(session.handle(.tick, now: 34)) == [], "no waiting line once welcomed")
    }

    @Test("a new session after the coordinator fell silent counts its attempts afresh")
    func waitingAfterSilence() {
        var session = WorkerSession(options: Self.eighths)
        _ = session.handle(.started, now: 0)
        _ = session.handle(.welcomed(heartbeatInterval: 1, heartbeatLiveness: 5, runID: "run"), now: 0)
        #expect(session.handle(.tick, now: 5.5).contains(.openConnection(session: 2)))
        var lines: [WorkerSessionDirective] = []
        for step in 45...64 { lines += Self.logs(session.handle(.tick, now: Double(step) / 8)) }
        #expect(lines == [Self.waiting(attempt: 5, next: "2")])
    }

    @Test("the welcome asks for every slot plus a prefetch; each finished trial reports and asks for one more")
    func credit() {
        var session = WorkerSession(options: WorkerOptions(endpoint: "inproc://test", slots: 2, workerID: "w"))
        _ = session.handle(.started, now: 0)
        let welcome = session.handle(.welcomed(heartbeatInterval: 1, heartbeatLiveness: 5, runID: "run"), now: 0)
        #expect(welcome == [.log(level: .info, message: "connected to the coordinator at inproc://test; joined run run"), .requestWork(credit: 3)])
        #expect(session.handle(.assigned(job("a")), now: 0.1) == [.startTraining(job("a"))])
        #expect(session.handle(.trialFinished(trialID: "a", report: Self.report), now: 0.5)
            == [.sendReport(trialID: "a", report: Self.report), .requestWork(credit: 1)])
    }

    @Test("trials that train in batches widen the window to a full batch per slot")
    func batchWindow() {
        var session = welcomedSession(slots: 2)
        var config = TrialConfig()
        config.problem = .sparseRegression
        let batchable = TrainingJob(trialID: "b", attempt: 1, seed: 1, work: .core(config))
        #expect(batchable.batchKey != nil)
        _ = session.handle(.assigned(batchable), now: 0.1)
        let done = session.handle(.trialFinished(trialID: "b", report: Self.report), now: 0.2)
        #expect(done.last == .requestWork(credit: 1 + 2 * 16 - 3))
    }

    @Test("reports of trials it does not hold, and their progress, are dropped")
    func notHeld() {
        var session = welcomedSession()
        #expect(session.handle(.trialFinished(trialID: "x", report: Self.report), now: 1) == [])
        #expect(session.handle(.trialProgressed(trialID: "x", report: Self.report), now: 1) == [])
        _ = session.handle(.assigned(job("x")), now: 1)
        #expect(session.handle(.trialProgressed(trialID: "x", report: Self.report), now: 1.5)
            == [.sendProgress(trialID: "x", report: Self.report)])
    }

    @Test("every interval it lists what it holds: assigned, then reported but unacknowledged, then nothing")
    func holding() {
        var session = welcomedSession()
        _ = session.handle(.assigned(job("a")), now: 0.1)
        #expect(session.handle(.tick, now: 0.2) == [.sendHolding(trialIDs: ["a"])])
        #expect(session.handle(.tick, now: 0.7) == [], "the next list is due a heartbeat interval later")
        _ = session.handle(.trialFinished(trialID: "a", report: Self.report), now: 1)
        #expect(session.handle(.tick, now: 1.2) == [.sendHolding(trialIDs: ["a"])])
        _ = session.handle(.acknowledged(trialID: "a"), now: 1.5)
        #expect(session.handle(.tick, now: 2.2) == [.sendHolding(trialIDs: [])])
    }

    @Test("a report unacknowledged for the dead-after time is sent again, and not after its ack")
    func resend() {
        var session = welcomedSession()
        _ = session.handle(.assigned(job("a")), now: 0)
        _ = session.handle(.trialFinished(trialID: "a", report: Self.report), now: 1)
        _ = session.handle(.heartbeat, now: 5.5)
        #expect(!session.handle(.tick, now: 6).contains(.sendReport(trialID: "a", report: Self.report)))
        #expect(session.handle(.tick, now: 6.1).contains(.sendReport(trialID: "a", report: Self.report)))
        _ = session.handle(.heartbeat, now: 10)
        _ = session.handle(.acknowledged(trialID: "a"), now: 10)
        #expect(!session.handle(.tick, now: 12).contains(.sendReport(trialID: "a", report: Self.report)))
    }

    @Test("a coordinator silent for its dead-after time gets a new session that forgets what the old one held")
    func newSession() {
        var session = welcomedSession()
        _ = session.handle(.assigned(job("a")), now: 1)
        _ = session.handle(.unexpected(type: "hello"), now: 2)
        #expect(!session.handle(.tick, now: 7).contains(.openConnection(session: 2)), "any message is a sign of life")
        let silent = session.handle(.tick, now: 7.1)
        #expect(silent.suffix(2) == [.openConnection(session: 2), .sendHello])
        #expect(session.sessionNumber == 2 && !session.isWelcomed)
        #expect(session.heldTrialIDs == [])
        #expect(session.handle(.trialFinished(trialID: "a", report: Self.report), now: 8) == [], "a trial of the old session")
    }

    @Test("a stop says goodbye and exits; nothing happens after the end")
    func stop() {
        var session = welcomedSession()
        #expect(session.handle(.stopRequested(reason: "SIGTERM"), now: 1) == [.sendBye(reason: "SIGTERM"), .exit(.stopped)])
        #expect(session.hasEnded)
        #expect(session.handle(.tick, now: 100) == [])
        #expect(session.handle(.assigned(job("a")), now: 100) == [])
    }

    @Test("a shutdown exits without a word; a refusal ends the run as an error")
    func shutdownAndRefusal() {
        var session = welcomedSession()
        #expect(session.handle(.shutdown(reason: "no work left"), now: 1) == [.exit(.shutdown(reason: "no work left"))])
        var refused = WorkerSession(options: WorkerOptions(endpoint: "inproc://test", workerID: "w"))
        _ = refused.handle(.started, now: 0)
        #expect(refused.handle(.refused(reason: "version 2"), now: 0.1) == [.refused(reason: "version 2")])
        #expect(refused.hasEnded)
    }

    @Test("messages a worker does not expect are logged and dropped")
    func unexpected() {
        var session = welcomedSession()
        #expect(session.handle(WorkerSessionEvent(message: .workRequest(credit: 1)), now: 1)
            == [.log(level: .warning, message: "dropped an unexpected work_request message")])
    }
}
