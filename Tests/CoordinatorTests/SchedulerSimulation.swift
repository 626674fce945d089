import Coordinator
import Core

/// The knobs of a simulated sweep. Rates are chances per worker per second.
struct SchedulerSimulationSettings {
    var seed: UInt64
    var trials: Int
    var workers: Int
    var slots = 2
    var trialSeconds: ClosedRange<Double> = 0.5...4
    var networkDelay: ClosedRange<Double> = 0.001...0.05
    var crashRate = 0.0
    var pauseRate = 0.0
    var pauseSeconds: ClosedRange<Double> = 2...9
    /// Chance that a worker's report is delivered twice.
    var duplicateRate = 0.0
    /// Every `poisonEvery`-th trial fails on every worker; 0 for none.
    var poisonEvery = 0
    var restartDelay = 1.0
    var commitInterval = 0.005
    var tickInterval = 0.1
    var timeLimit = 3_600.0
    var configuration = SchedulerConfiguration()
}

/// What a simulated sweep did.
struct SchedulerSimulationReport {
    var finishedAt: Double?
    var finishedCount = 0
    /// How many persist directives each trial got.
    var persists: [String: Int] = [:]
    /// The outcome the simulated journal holds for each trial.
    var journal: [String: TrialOutcome] = [:]
    /// Broken invariants, described.
    var violations: [String] = []
    var crashes = 0
    var pauses = 0
    var duplicates = 0
    var staleResultsAccepted = 0
    var launches = 0
}

/// A deterministic discrete-event simulation of a sweep: a ``Scheduler`` with a shell, a journal
/// that commits in batches, workers that crash, stop and resume, and a network that delays
/// messages (keeping each link's order) and duplicates reports.
struct SchedulerSimulation {
    enum Event {
        case toScheduler(SchedulerEvent)
        case toWorker(Int, SchedulerDirective)
        case tick
        case commit
        case trialDone(worker: Int, trialID: String, attempt: Int)
        case workerTimer(Int)
        case resume(Int)
        case launch
    }

    enum WorkerState { case alive, paused, gone }

    struct SimulatedWorker {
        let id: WorkerID
        var state = WorkerState.alive
        var unacknowledged: [(trialID: String, report: SchedulerEvent)] = []
        var inbox: [SchedulerDirective] = []
        var finishedWhilePaused: [(trialID: String, attempt: Int)] = []
        var outboundClock = 0.0
        var inboundClock = 0.0
    }

    let settings: SchedulerSimulationSettings
    let specs: [TrialSpec]
    var scheduler: Scheduler
    var rng: Xoshiro256StarStar
    var events = SchedulerSimulationHeap<Event>()
    var now = 0.0
    var workers: [SimulatedWorker] = []
    var workerIndex: [WorkerID: Int] = [:]
    var uncommitted: [(trialID: String, outcome: TrialOutcome)] = []
    var lastAttempt: [String: Int] = [:]
    var holders: [String: [WorkerID]] = [:]
    var report = SchedulerSimulationReport()

    init(_ settings: SchedulerSimulationSettings) {
        self.settings = settings
        specs = makeTrials(settings.trials)
        scheduler = Scheduler(trials: specs, recorded: [], configuration: settings.configuration)
        rng = Xoshiro256StarStar(seed: settings.seed)
    }

    /// Runs until the scheduler reports `finished` or the time limit passes.
    static func run(_ settings: SchedulerSimulationSettings) -> SchedulerSimulationReport {
        var simulation = SchedulerSimulation(settings)
        simulation.start()
        while simulation.report.finishedAt == nil, let next = simulation.events.pop(), next.time <= settings.timeLimit {
            simulation.now = next.time
            simulation.process(next.payload)
        }
        return simulation.report
    }

    mutating func start() {
        for _ in 0..<settings.workers { events.push(.launch, at: uniform(0...0.5)) }
        events.push(.tick, at: 0)
        events.push(.commit, at: settings.commitInterval)
    }

    mutating func process(_ event: Event) {
        switch event {
        case let .toScheduler(schedulerEvent):
            deliver(schedulerEvent)
        case let .toWorker(index, directive):
            receive(directive, worker: index)
        case .tick:
            deliver(.tick)
            events.push(.tick, at: now + settings.tickInterval)
        case .commit:
            commit()
            events.push(.commit, at: now + settings.commitInterval)
        case let .trialDone(index, trialID, attempt):
            finishTrial(trialID, attempt: attempt, worker: index)
        case let .workerTimer(index):
            workerTimer(index)
        case let .resume(index):
            resume(index)
        case .launch:
            launch()
        }
    }

    // MARK: Shell

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
            checkAssignment(worker, trialID: trial.id, attempt: attempt)
            send(directive, to: worker)
        case .acknowledge(let worker, _), .sendHeartbeat(let worker), .shutdown(let worker, _):
            send(directive, to: worker)
        case let .persistResult(trialID, attempt, result, _):
            persisted(trialID, outcome: .done(result))
            if attempt < lastAttempt[trialID, default: 0] { report.staleResultsAccepted += 1 }
        case let .persistFailure(trialID, attempts, message):
            persisted(trialID, outcome: .failed(message: message, attempts: attempts))
        case .finished:
            report.finishedCount += 1
            report.finishedAt = now
        case .forget, .log:
            break
        }
    }

    mutating func checkAssignment(_ worker: WorkerID, trialID: String, attempt: Int) {
        if attempt != lastAttempt[trialID, default: 0] + 1 {
            report.violations.append("at \(now): \(trialID) assigned as attempt \(attempt) after \(lastAttempt[trialID, default: 0])")
        }
        lastAttempt[trialID] = attempt
        for holder in holders[trialID, default: []] where holder != worker {
            if scheduler.trialsHeld(by: holder)?.contains(trialID) == true {
                report.violations.append("at \(now): \(trialID) leased to \(worker) while \(holder) holds it")
            }
        }
        holders[trialID, default: []].append(worker)
    }

    mutating func persisted(_ trialID: String, outcome: TrialOutcome) {
        report.persists[trialID, default: 0] += 1
        if report.persists[trialID]! > 1 { report.violations.append("at \(now): \(trialID) persisted twice") }
        uncommitted.append((trialID, outcome))
    }

    mutating func commit() {
        guard !uncommitted.isEmpty else { return }
        for (trialID, outcome) in uncommitted where report.journal[trialID] == nil {
            report.journal[trialID] = outcome
        }
        let ids = uncommitted.map(\.trialID)
        uncommitted = []
        deliver(.recorded(trialIDs: ids))
    }

    // MARK: Network

    mutating func send(_ directive: SchedulerDirective, to worker: WorkerID) {
        guard let index = workerIndex[worker] else { return }
        let time = max(workers[index].inboundClock, now + uniform(settings.networkDelay))
        workers[index].inboundClock = time
        events.push(.toWorker(index, directive), at: time)
    }

    mutating func transmit(_ event: SchedulerEvent, from index: Int, mayDuplicate: Bool = false) {
        let time = max(workers[index].outboundClock, now + uniform(settings.networkDelay))
        workers[index].outboundClock = time
        events.push(.toScheduler(event), at: time)
        if mayDuplicate && chance(settings.duplicateRate) {
            report.duplicates += 1
            events.push(.toScheduler(event), at: time + uniform(settings.networkDelay))
        }
    }

    // MARK: Workers

    mutating func launch() {
        report.launches += 1
        let index = workers.count
        let worker = SimulatedWorker(id: WorkerID("w\(index)"))
        workers.append(worker)
        workerIndex[worker.id] = index
        transmit(.workerJoined(worker: worker.id, slots: settings.slots), from: index)
        transmit(.workRequested(worker: worker.id, credit: settings.slots), from: index)
        events.push(.workerTimer(index), at: now + uniform(0...1))
    }

    mutating func receive(_ directive: SchedulerDirective, worker index: Int) {
        switch workers[index].state {
        case .gone: return
        case .paused:
            workers[index].inbox.append(directive)
            return
        case .alive: break
        }
        switch directive {
        case let .assign(_, trial, attempt):
            events.push(.trialDone(worker: index, trialID: trial.id, attempt: attempt), at: now + uniform(settings.trialSeconds))
        case let .acknowledge(_, trialID):
            workers[index].unacknowledged.removeAll { $0.trialID == trialID }
        case .shutdown:
            transmit(.workerLeft(worker: workers[index].id), from: index)
            workers[index].state = .gone
            let progress = scheduler.progress
            if progress.pending + progress.running > 0 {
                events.push(.launch, at: now + settings.restartDelay)
            }
        default:
            break
        }
    }

    mutating func finishTrial(_ trialID: String, attempt: Int, worker index: Int) {
        switch workers[index].state {
        case .gone: return
        case .paused:
            workers[index].finishedWhilePaused.append((trialID, attempt))
            return
        case .alive: break
        }
        let id = workers[index].id
        let trialIndex = Int(trialID.dropFirst())!
        let event: SchedulerEvent =
            settings.poisonEvery > 0 && trialIndex % settings.poisonEvery == 0
            ? .failureArrived(worker: id, trialID: trialID, attempt: attempt, message: "poison \(trialID)")
            : .resultArrived(worker: id, trialID: trialID, attempt: attempt, result: makeResult(for: trialID))
        workers[index].unacknowledged.append((trialID, event))
        transmit(event, from: index, mayDuplicate: true)
        transmit(.workRequested(worker: id, credit: 1), from: index)
    }

    mutating func workerTimer(_ index: Int) {
        guard workers[index].state != .gone else { return }
        events.push(.workerTimer(index), at: now + 1)
        guard workers[index].state == .alive else { return }
        if chance(settings.crashRate) {
            report.crashes += 1
            workers[index].state = .gone
            events.push(.launch, at: now + settings.restartDelay)
            return
        }
        if chance(settings.pauseRate) {
            report.pauses += 1
            workers[index].state = .paused
            events.push(.resume(index), at: now + uniform(settings.pauseSeconds))
            return
        }
        let id = workers[index].id
        transmit(.heartbeat(worker: id), from: index)
        for pending in workers[index].unacknowledged {
            transmit(pending.report, from: index)
        }
    }

    mutating func resume(_ index: Int) {
        guard workers[index].state == .paused else { return }
        workers[index].state = .alive
        let inbox = workers[index].inbox
        let finished = workers[index].finishedWhilePaused
        workers[index].inbox = []
        workers[index].finishedWhilePaused = []
        for (trialID, attempt) in finished { finishTrial(trialID, attempt: attempt, worker: index) }
        for directive in inbox { receive(directive, worker: index) }
    }

    // MARK: Randomness

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUniform()
    }

    mutating func chance(_ probability: Double) -> Bool {
        rng.nextUniform() < probability
    }
}
