/// How many array tasks of a Slurm job are in each state, as `squeue` or `sacct` lists them.
struct SlurmTaskStates: Sendable, Equatable {
    /// Task count by state name in lower case (`running`, `pending`, `completing`, …).
    private(set) var counts: [String: Int] = [:]

    /// States in which a task still is, or will be, a worker.
    static let active: Set<String> = ["pending", "running", "configuring", "requeued", "resizing", "suspended"]

    /// Counts the states of `output`, one per line (`squeue -h -r -o %T`, `sacct -n -X -P -o State`).
    /// sacct's `CANCELLED by 0` counts as `cancelled`.
    init(listing output: String) {
        for line in output.split(whereSeparator: \.isNewline) {
            guard let word = line.split(separator: " ").first else { continue }
            counts[word.lowercased(), default: 0] += 1
        }
    }

    /// Counts `states`, one per task.
    init(states: some Sequence<String>) {
        for state in states { counts[state.lowercased(), default: 0] += 1 }
    }

    /// Tasks that still are or will be workers.
    var activeCount: Int { counts.filter { Self.active.contains($0.key) }.values.reduce(0, +) }

    /// True when no task is listed.
    var isEmpty: Bool { counts.isEmpty }

    /// E.g. `2 running, 0 pending`, then any other states in alphabetical order.
    var summary: String {
        let others = counts.keys.filter { $0 != "running" && $0 != "pending" }.sorted()
        let parts = ["\(counts["running", default: 0]) running", "\(counts["pending", default: 0]) pending"]
            + others.map { "\(counts[$0, default: 0]) \($0)" }
        return parts.joined(separator: ", ")
    }
}
