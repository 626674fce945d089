import Core
import Scheduling
import SweepSpecs
import Worker

/// A deterministic discrete-event simulation of a sweep that drives both sides of the protocol:
/// a ``Scheduler`` with a shell that drops messages from routes that never said hello to it, a
/// journal that commits in batches, a coordinator that restarts from the journal; workers that
/// each run a real ``WorkerSession`` and crash, hang and return, or are asked to stop; and a
/// network that delays, drops, duplicates and reorders messages.
public struct SchedulerSimulation {
    /// A worker's connection: its index and session number.
    struct Route: Hashable {
        var worker: Int
        var session: Int
    }

    enum Event {
        case toScheduler(SchedulerEvent, from: Route)
        case toWorker(WorkerSessionEvent, to: Route, epoch: Int)
        case tick
        case commit
        case trialDone(worker: Int, trialID: String, attempt: Int, epoch: Int)
        case workerTimer(Int)
        case resume(Int)
        case launch
        case restart
    }

    enum WorkerState { case alive, paused, gone }

    struct SimulatedWorker {
        let id: WorkerID
        /// The worker's side of the protocol, as the real worker runs it.
        var protocolState: WorkerSession
        /// The number of the session whose connection is open.
        var session = 0
        var state = WorkerState.alive
        var inbox: [(WorkerSessionEvent, Route, Int)] = []
        var finishedWhilePaused: [(trialID: String, attempt: Int)] = []
        /// Trials it is computing, with the coordinator epoch of their assignment.
        var computing: [(trialID: String, epoch: Int)] = []
        var outboundClock = 0.0
        var inboundClock = 0.0
    }

    let settings: SchedulerSimulationSettings
    let specs: [TrialSpec]
    var scheduler: Scheduler
    var rng: Xoshiro256StarStar
    var events = SchedulerSimulationHeap<Event>()
    var now = 0.0
    var epoch = 0
    var upAt = 0.0
    var routes: Set<Route> = []
    var workers: [SimulatedWorker] = []
    var workerIndex: [WorkerID: Int] = [:]
    var uncommitted: [(trialID: String, outcome: TrialOutcome)] = []
    /// The latest attempt assigned in the current epoch, per trial.
    var lastAttempt: [String: Int] = [:]
    var holders: [String: [WorkerID]] = [:]
    var epochPersists: Set<String> = []
    /// The epochs of the runs of each trial now being computed.
    var runs: [String: [Int]] = [:]
    var report = SchedulerSimulationReport()

    init(_ settings: SchedulerSimulationSettings) {
        self.settings = settings
        specs = makeTrials(settings.trials)
        scheduler = Scheduler(trials: specs, recorded: [], configuration: settings.configuration)
        rng = Xoshiro256StarStar(seed: settings.seed)
    }

    /// Runs until the scheduler reports `finished` or the time limit passes.
    public static func run(_ settings: SchedulerSimulationSettings) -> SchedulerSimulationReport {
        var simulation = SchedulerSimulation(settings)
        simulation.start()
        while simulation.report.finishedAt == nil, let next = simulation.events.pop(), next.time <= settings.timeLimit {
            simulation.now = next.time
            simulation.report.events += 1
            simulation.process(next.payload)
        }
        return simulation.report
    }

    mutating func start() {
        for _ in 0..<settings.workers { events.push(.launch, at: uniform(0...0.5)) }
        events.push(.tick, at: 0)
        events.push(.commit, at: settings.commitInterval)
        if settings.restarts > 0 { events.push(.restart, at: uniform(settings.restartGap)) }
    }

    mutating func process(_ event: Event) {
        switch event {
        case let .toScheduler(schedulerEvent, route):
            arrive(schedulerEvent, from: route)
        case let .toWorker(message, route, sentIn):
            receive(message, at: route, epoch: sentIn)
        case .tick:
            if now >= upAt { deliver(.tick) }
            events.push(.tick, at: now + settings.tickInterval)
        case .commit:
            if now >= upAt { commit() }
            events.push(.commit, at: now + settings.commitInterval)
        case let .trialDone(index, trialID, attempt, sentIn):
            finishTrial(trialID, attempt: attempt, worker: index, epoch: sentIn)
        case let .workerTimer(index):
            workerTimer(index)
        case let .resume(index):
            resume(index)
        case .launch:
            launch()
        case .restart:
            restart()
        }
    }

    // MARK: Coordinator

    /// The shell: a hello opens a route; other messages count only from routes that said hello
    /// to this coordinator; nothing arrives while it is down.
    mutating func arrive(_ event: SchedulerEvent, from route: Route) {
        guard now >= upAt else {
            report.strayMessages += 1
            return
        }
        if case .workerJoined = event {
            routes = routes.filter { $0.worker != route.worker }
            routes.insert(route)
            let configuration = settings.configuration
            let welcome = WorkerSessionEvent.welcomed(
                heartbeatInterval: configuration.heartbeatInterval, heartbeatLiveness: configuration.heartbeatLiveness,
                runID: "simulation")
            send(welcome, to: route, droppable: true)
        } else if !routes.contains(route) {
            report.strayMessages += 1
            return
        }
        deliver(event)
    }

    mutating func deliver(_ event: SchedulerEvent) {
        let directives = scheduler.handle(event, now: now)
        for directive in directives { execute(directive) }
        let p = scheduler.progress
        if p.pending + p.running + p.persisting + p.recorded != p.total {
            report.violations.append("at \(now): progress does not add up: \(p)")
        }
    }

    mutating func execute(_ directive: SchedulerDirective) {
        switch directive {
        case let .assign(worker, trial, attempt):
            checkAssignment(directive, worker: worker, trialID: trial.id)
            let job = TrainingJob(trialID: trial.id, attempt: attempt, seed: trial.seed, work: trial.work)
            send(.assigned(job), to: worker, droppable: true)
        case let .acknowledge(worker, trialID):
            send(.acknowledged(trialID: trialID.rawValue), to: worker, droppable: true)
        case let .sendHeartbeat(worker):
            send(.heartbeat, to: worker, droppable: true)
        case let .shutdown(worker, reason):
            send(.shutdown(reason: reason), to: worker, droppable: false)
        case let .persistResult(trialID, attempt, result, _, _):
            persisted(trialID.rawValue, outcome: .done(result))
            if attempt < lastAttempt[trialID.rawValue, default: 0] { report.staleResultsAccepted += 1 }
        case let .persistFailure(trialID, attempts, message, _):
            persisted(trialID.rawValue, outcome: .failed(message: message, attempts: attempts))
        case .finished:
            report.finishedCount += 1
            report.finishedAt = now
        case .forget, .log, .failFast:
            break
        }
    }

    mutating func checkAssignment(_ directive: SchedulerDirective, worker: WorkerID, trialID: String) {
        guard case let .assign(_, _, attempt) = directive else { return }
        if attempt != lastAttempt[trialID, default: 0] + 1 {
            report.violations.append("at \(now): \(trialID) assigned as attempt \(attempt) after \(lastAttempt[trialID, default: 0])")
        }
        lastAttempt[trialID] = attempt
        for holder in holders[trialID, default: []] where holder != worker {
            if scheduler.trialsHeld(by: holder)?.contains(TrialID(trialID)) == true {
                report.violations.append("at \(now): \(trialID) leased to \(worker) while \(holder) holds it")
            }
        }
        holders[trialID, default: []].append(worker)
    }

    mutating func persisted(_ trialID: String, outcome: TrialOutcome) {
        if !epochPersists.insert(trialID).inserted {
            report.violations.append("at \(now): \(trialID) sent to the journal twice by one coordinator")
        }
        if report.journal[trialID] != nil {
            report.violations.append("at \(now): \(trialID) sent to the journal after its commit")
        }
        uncommitted.append((trialID, outcome))
    }

    /// Commits the batch, as the real shell does, before telling the scheduler.
    mutating func commit() {
        guard !uncommitted.isEmpty else { return }
        for (trialID, outcome) in uncommitted {
            report.commits[trialID, default: 0] += 1
            if report.commits[trialID]! > 1 {
                report.violations.append("at \(now): \(trialID) committed \(report.commits[trialID]!) times")
            }
            report.journal[trialID] = outcome
        }
        let ids = uncommitted.map { TrialID($0.trialID) }
        uncommitted = []
        deliver(.recorded(trialIDs: ids))
    }

    /// The coordinator dies, losing what it had not committed and every route, and a new one
    /// starts from the journal after a downtime.
    mutating func restart() {
        report.restarts += 1
        report.uncommittedLost += uncommitted.count
        uncommitted = []
        epoch += 1
        upAt = now + uniform(settings.restartDowntime)
        routes = []
        lastAttempt = [:]
        holders = [:]
        epochPersists = []
        scheduler = Scheduler(trials: specs, recorded: Set(report.journal.keys.map(TrialID.init)), configuration: settings.configuration)
        if report.restarts < settings.restarts { events.push(.restart, at: now + uniform(settings.restartGap)) }
    }

    // MARK: Network

    /// Sends to the worker's current route; the message is lost if that route is gone on arrival.
    mutating func send(_ message: WorkerSessionEvent, to worker: WorkerID, droppable: Bool) {
        guard let index = workerIndex[worker] else { return }
        send(message, to: Route(worker: index, session: workers[index].session), droppable: droppable)
    }

    mutating func send(_ message: WorkerSessionEvent, to route: Route, droppable: Bool) {
        if droppable && chance(settings.dropRate) {
            report.drops += 1
            return
        }
        let index = route.worker
        let delay = now + uniform(settings.networkDelay)
        if chance(settings.reorderRate) {
            report.reorders += 1
            events.push(.toWorker(message, to: route, epoch: epoch), at: delay)
            return
        }
        let time = max(workers[index].inboundClock, delay)
        workers[index].inboundClock = time
        events.push(.toWorker(message, to: route, epoch: epoch), at: time)
    }

    mutating func transmit(_ event: SchedulerEvent, from index: Int, droppable: Bool, mayDuplicate: Bool = false) {
        if droppable && chance(settings.dropRate) {
            report.drops += 1
            return
        }
        let route = Route(worker: index, session: workers[index].session)
        let delay = now + uniform(settings.networkDelay)
        let time: Double
        if chance(settings.reorderRate) {
            report.reorders += 1
            time = delay
        } else {
            time = max(workers[index].outboundClock, delay)
            workers[index].outboundClock = time
        }
        events.push(.toScheduler(event, from: route), at: time)
        if mayDuplicate && chance(settings.duplicateRate) {
            report.duplicates += 1
            events.push(.toScheduler(event, from: route), at: time + uniform(settings.networkDelay))
        }
    }

    // MARK: Randomness

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUniform()
    }

    mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && rng.nextUniform() < probability
    }
}
