/// Which Slurm array task fills each worker slot of a ``SlurmLauncher``, and which of them have
/// ended according to a `squeue` listing.
struct SlurmWorkerSlots: Sendable, Equatable {
    /// A task that left its slot, and how: its last listed state and reason, or that Slurm
    /// forgot it.
    struct Ending: Equatable, Sendable {
        var slot: Int
        var task: SlurmTask.ID
        var how: String
    }

    /// How an ending task that Slurm no longer lists ended, as far as `squeue` knows.
    static let forgotten = "left the queue"

    /// The task of each slot, nil while the slot has none (never started, or its task ended).
    private(set) var tasks: [SlurmTask.ID?]

    /// `count` slots without tasks.
    init(count: Int) {
        tasks = Array(repeating: nil, count: count)
    }

    /// Puts live tasks of an earlier run into free slots: a task into the slot of its index when
    /// that one is free, the others into the lowest free slots. Returns the slots filled; tasks
    /// left over (more than the slots) stay unassigned.
    mutating func adopt(_ live: [SlurmTask.ID]) -> [Int] {
        var filled: [Int] = []
        var rest: [SlurmTask.ID] = []
        for id in live {
            if tasks.indices.contains(id.task), tasks[id.task] == nil {
                tasks[id.task] = id
                filled.append(id.task)
            } else {
                rest.append(id)
            }
        }
        for id in rest {
            guard let free = tasks.indices.first(where: { tasks[$0] == nil && !filled.contains($0) }) else { break }
            tasks[free] = id
            filled.append(free)
        }
        return filled.sorted()
    }

    /// Records that `slot` is now filled by task `slot` of array job `job`.
    mutating func assign(slot: Int, job: String) {
        tasks[slot] = SlurmTask.ID(job: job, task: slot)
    }

    /// The slots whose task is no longer active in `listing` (from `squeue -r -t all` over every
    /// job of the slots), which become empty. A task missing from the listing ended long enough
    /// ago for Slurm to forget it.
    mutating func takeEndings(listing: [SlurmTask]) -> [Ending] {
        let byID = Dictionary(listing.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var endings: [Ending] = []
        for slot in tasks.indices {
            guard let id = tasks[slot] else { continue }
            if let task = byID[id] {
                if task.isActive { continue }
                endings.append(Ending(slot: slot, task: id, how: task.stateAndReason))
            } else {
                endings.append(Ending(slot: slot, task: id, how: Self.forgotten))
            }
            tasks[slot] = nil
        }
        return endings
    }

    /// The states of the slots' tasks in `listing` that are still active.
    func activeStates(listing: [SlurmTask]) -> SlurmTaskStates {
        let mine = Set(tasks.compactMap { $0 })
        return SlurmTaskStates(states: listing.filter { mine.contains($0.id) && $0.isActive }.map(\.state))
    }
}
