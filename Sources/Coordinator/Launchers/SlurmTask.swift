import Foundation

/// One array task of a Slurm job as `squeue -r -t all` lists it: its state and Slurm's reason.
struct SlurmTask: Hashable, Sendable {
    /// An array task's id, `JOB_TASK` in Slurm's notation.
    struct ID: Hashable, Sendable, CustomStringConvertible {
        /// The array's job id.
        var job: String
        /// The task's index in the array.
        var task: Int

        var description: String { "\(job)_\(task)" }
    }

    /// The task's id.
    var id: ID
    /// Its state in upper case, e.g. `RUNNING`, `TIMEOUT`, `NODE_FAIL`.
    var state: String
    /// Slurm's reason for the state, e.g. `Resources`, `TimeLimit`; `None` when it gives none.
    var reason: String

    /// The `squeue -o` format that ``parse(listing:)`` reads.
    static let squeueFormat = "%F|%K|%T|%r"

    /// True while the task is, or will be, a worker (pending counts).
    var isActive: Bool { SlurmTaskStates.active.contains(state.lowercased()) }

    /// The state with its reason, e.g. `TIMEOUT (TimeLimit)`, or the state alone when Slurm gives no reason.
    var stateAndReason: String {
        ["None", "", "(null)"].contains(reason) ? state : "\(state) (\(reason))"
    }

    /// Whether a task that ended as `how` (a state, maybe followed by its reason) was ended by
    /// the cluster or a user rather than by its worker failing: cancelled, preempted, out of
    /// time, lost with its node, or completed after the time-limit warning handed its trials back.
    static func endedFromOutside(_ how: String) -> Bool {
        let state = how.split(separator: " ").first.map { String($0).uppercased() } ?? ""
        return ["CANCELLED", "PREEMPTED", "TIMEOUT", "NODE_FAIL", "DEADLINE", "COMPLETED"].contains(state)
    }

    /// The tasks of `squeue -h -r -o "%F|%K|%T|%r"` output; lines of jobs that are not arrays are skipped.
    static func parse(listing: String) -> [SlurmTask] {
        listing.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 4, !fields[0].isEmpty, fields[0].allSatisfy(\.isNumber), let task = Int(fields[1]) else {
                return nil
            }
            return SlurmTask(id: ID(job: fields[0], task: task), state: fields[2].uppercased(), reason: fields[3])
        }
    }
}
