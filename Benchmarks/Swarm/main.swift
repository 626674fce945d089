import Foundation
import Wire
import ZeroMQ

// mirrorsweep-swarm: many workers (DEALER sockets in this one process) against one real
// `mirrorsweep serve` on loopback serving a noop sweep. Every worker says hello, asks for one
// trial at a time, answers each assignment with its result and heartbeats every interval even
// while busy (more than the protocol asks). Prints a Markdown table: throughput, the
// coordinator's CPU (from /proc/PID/stat while it runs, getrusage once it has exited), heartbeats
// per second, the latency from a result sent to its ack (sent after the durable commit), and how
// many workers the coordinator declared dead. Exits with status 1 if any was, or the sweep did not finish.

let options: SwarmOptions
do {
    options = try SwarmOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("mirrorsweep-swarm: \(error)\n".utf8))
    exit(2)
}

/// Raises the open-file limit to its maximum: each socket needs a TCP connection and a mailbox.
func raiseFileLimit() {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

/// Serves the sweep to the swarm; returns the table and whether the run was clean.
func measure(_ options: SwarmOptions) throws -> (table: String, clean: Bool) {
    raiseFileLimit()
    let serve = try ServeProcess(options: options)
    defer {
        if serve.process.isRunning { serve.process.terminate() }
        serve.remove()
    }
    let endpoint = try serve.endpoint(within: 60)
    let context = try ZMQContext()
    let start = SwarmClock.now()
    let cpuAtStart = serve.cpuSeconds() ?? 0
    let workers = try (0..<options.workers).map { i in
        try SimulatedWorker(id: "swarm-\(getpid())-\(i)", context: context, endpoint: endpoint)
    }
    let poller = ZMQPoller(sockets: workers.map(\.socket))
    var stats = SwarmStats()
    var samples: [(time: Double, cpu: Double)] = [(start, cpuAtStart)]
    let deadline = start + 3600
    var lastHeard = start
    // Until serve has exited and nothing more arrives for 1 s. A worker told to shut down is
    // still read: an idle worker gets `shutdown` while its last result is being committed, and
    // that result's ack comes after it.
    while SwarmClock.now() < deadline, serve.process.isRunning || SwarmClock.now() - lastHeard < 1 {
        for index in try poller.poll(timeoutMilliseconds: 10) {
            let worker = workers[index]
            while let frames = try worker.socket.receive(dontWait: true) {
                lastHeard = SwarmClock.now()
                guard frames.count == 1, let message = try? MessageCodec.decode(frames[0]) else {
                    stats.unexpected += 1
                    continue
                }
                try worker.handle(message, now: lastHeard, stats: &stats)
            }
        }
        let now = SwarmClock.now()
        for worker in workers {
            if try worker.heartbeatIfDue(now: now) { stats.heartbeatsSent += 1 }
        }
        if now - samples[samples.count - 1].time >= 1, let cpu = serve.cpuSeconds() {
            samples.append((now, cpu))
        }
    }
    if serve.process.isRunning, SwarmClock.now() >= deadline { serve.process.terminate() }
    serve.process.waitUntilExit()
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6 - cpuAtStart
    for worker in workers { worker.socket.close() }

    let log = serve.log
    let declaredDead = log.split(separator: "\n").filter { $0.contains("declared dead") }.count
    let dismissed = workers.filter { $0.shutdownReason?.hasPrefix("unknown worker") ?? false }.count
    let seconds = (stats.lastAck ?? SwarmClock.now()) - start
    let peak = zip(samples, samples.dropFirst()).map { ($1.cpu - $0.cpu) / ($1.time - $0.time) }.max() ?? 0
    func milliseconds(_ q: Double) -> String {
        stats.latency(quantile: q).map { String(format: "%.2f", $0 * 1000) } ?? "—"
    }
    let finished = log.contains("progress: \(options.trials)/\(options.trials) done")
    let toldToStop = workers.filter { $0.shutdownReason != nil }.count
    let rows: [(String, String)] = [
        ("results sent / acks received", "\(stats.resultsSent) / \(stats.latencies.count)"),
        ("seconds, first hello to last ack", String(format: "%.1f", seconds)),
        ("trials per second", String(format: "%.0f", Double(options.trials) / seconds)),
        ("coordinator CPU seconds per 1,000 trials", String(format: "%.3f", cpu / Double(max(stats.latencies.count, 1)) * 1000)),
        ("coordinator CPU, mean over the run (peak 1 s window)", String(format: "%.0f %% (%.0f %%)", cpu / seconds * 100, peak * 100)),
        ("heartbeats per second from the workers (handled)", String(format: "%.0f", Double(stats.heartbeatsSent) / seconds)),
        ("heartbeats per second from the coordinator", String(format: "%.0f", Double(stats.heartbeatsReceived) / seconds)),
        ("result → ack latency p50, ms", milliseconds(0.5)),
        ("result → ack latency p99, ms", milliseconds(0.99)),
        ("workers told to shut down (idle, or every trial recorded)", "\(toldToStop) of \(options.workers)"),
        ("workers declared dead", "\(declaredDead) (shut down as unknown: \(dismissed))"),
    ]
    var table = "| \(options.workers) workers in one process, \(options.trials) noop trials, heartbeat \(options.heartbeatInterval) s | value |\n"
    table += "| --- | ---: |\n"
    for (name, value) in rows { table += "| \(name) | \(value) |\n" }
    let clean = finished && declaredDead == 0 && dismissed == 0 && stats.resultsSent >= options.trials && stats.unexpected == 0
    if !clean {
        table += "\nNot clean: sweep finished: \(finished); \(stats.unexpected) unexpected messages; serve log:\n\(log.suffix(4000))\n"
    }
    return (table, clean)
}

do {
    let (table, clean) = try measure(options)
    print(table, terminator: "")
    exit(clean ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("mirrorsweep-swarm: \(error)\n".utf8))
    exit(1)
}
