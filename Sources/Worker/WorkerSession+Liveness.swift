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
        emit(.openConnection(session: sessionNumber))
        sayHelloIfDue(now: now)
    }

    mutating func sayHelloIfDue(now: Double) {
        guard now >= nextHello else { return }
        emit(.sendHello)
        nextHello = now + helloDelay
        helloDelay = min(helloDelay * 2, options.maxReconnectDelay)
    }
}
