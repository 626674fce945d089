/// Liveness: hellos until welcomed, holding lists and resends while welcomed, and a new session
/// when the coordinator falls silent.
extension WorkerSession {
    mutating func timePassed(now: Double) {
        guard isWelcomed else {
            sayHelloIfDue(now: now)
            return
        }
        if now - lastHolding >= heartbeatInterval {
            emit(.sendHolding(trialIDs: heldTrialIDs))
            lastHolding = now
        }
        for (trialID, entry) in unacknowledged.sorted(by: { $0.key < $1.key }) where now - entry.sentAt > deadAfter {
            emit(.sendReport(trialID: trialID, report: entry.report))
            unacknowledged[trialID] = (entry.report, now)
        }
        if now - lastHeard > deadAfter {
            emit(.log(level: .warning, message: "coordinator silent; starting a new session"))
            openSession(now: now)
        }
    }

    /// A new connection and a hello, forgetting what the previous session held.
    mutating func openSession(now: Double) {
        sessionNumber += 1
        isWelcomed = false
        held.removeAll()
        window = 0
        unacknowledged.removeAll()
        nextHello = now
        helloDelay = options.reconnectDelay
        helloAttempts = 0
        nextWaitingLog = now + Self.firstWaitingLog
        waitingLogDelay = Self.firstWaitingLog
        emit(.openConnection(session: sessionNumber))
        sayHelloIfDue(now: now)
    }

    /// Says hello when one is due; every so often (after 1 s unanswered, then at doubling
    /// intervals up to a minute) also logs that the worker is still waiting.
    mutating func sayHelloIfDue(now: Double) {
        guard now >= nextHello else { return }
        emit(.sendHello)
        helloAttempts += 1
        if now >= nextWaitingLog {
            let tenths = Int((helloDelay * 10).rounded())
            let next = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
            emit(.log(level: .info, message: "waiting for the coordinator at \(options.endpoint) (attempt \(helloAttempts), next in \(next) s)"))
            waitingLogDelay = min(waitingLogDelay * 2, Self.longestWaitingLog)
            nextWaitingLog = now + waitingLogDelay
        }
        nextHello = now + helloDelay
        helloDelay = min(helloDelay * 2, options.maxReconnectDelay)
    }

    /// Seconds without a welcome before the first "waiting for the coordinator" line.
    static let firstWaitingLog = 1.0
    /// The longest interval between two "waiting for the coordinator" lines, in seconds.
    static let longestWaitingLog = 60.0
}
