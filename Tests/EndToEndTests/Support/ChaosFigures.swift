/// What chaotic runs did: the faults injected and what the coordinators logged about them.
struct ChaosFigures: CustomStringConvertible {
    var rounds = 0
    var trialsChecked = 0
    var workerKills = 0
    var workerStops = 0
    var coordinatorKills = 0
    var workersStarted = 0
    /// Coordinator log lines: workers declared dead after a silence.
    var declaredDead = 0
    /// Coordinator log lines: trials requeued after their lease was lost.
    var requeued = 0
    /// Coordinator log lines: results accepted from a superseded lease (a worker that came back).
    var lateResults = 0
    /// Coordinator log lines: workers unknown to the coordinator told to shut down.
    var sentAway = 0

    /// Adds the counts of the coordinator log `log`.
    mutating func count(coordinatorLog log: String) {
        for line in log.split(separator: "\n") {
            if line.contains("declared dead") { declaredDead += 1 }
            if line.contains(" requeued: ") { requeued += 1 }
            if line.contains("accepted the result of trial") { lateResults += 1 }
            if line.contains("telling it to shut down") { sentAway += 1 }
        }
    }

    static func += (total: inout ChaosFigures, round: ChaosFigures) {
        total.rounds += round.rounds
        total.trialsChecked += round.trialsChecked
        total.workerKills += round.workerKills
        total.workerStops += round.workerStops
        total.coordinatorKills += round.coordinatorKills
        total.workersStarted += round.workersStarted
        total.declaredDead += round.declaredDead
        total.requeued += round.requeued
        total.lateResults += round.lateResults
        total.sentAway += round.sentAway
    }

    var description: String {
        "\(rounds) rounds, \(trialsChecked) trials checked; faults: \(workerKills) worker SIGKILLs, "
            + "\(workerStops) worker SIGSTOP/SIGCONTs, \(coordinatorKills) coordinator SIGKILLs; "
            + "\(workersStarted) worker processes started; coordinators logged \(declaredDead) workers declared dead, "
            + "\(requeued) trials requeued, \(lateResults) late results accepted from superseded leases, "
            + "\(sentAway) stale workers sent away"
    }
}
