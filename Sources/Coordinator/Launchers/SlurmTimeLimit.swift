/// Slurm's time limits (`--time`) and the warning signal that workers ask for before theirs.
enum SlurmTimeLimit {
    /// The longest lead of the warning signal, in seconds.
    static let longestLead = 120

    /// Seconds in a Slurm time limit: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M` or `D-H:M:S`; nil for
    /// `INFINITE`, `UNLIMITED` or text that is none of these.
    static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let clockText = parts.last else { return nil }
        let days = parts.count == 2 ? Int(parts[0]) : 0
        let clock = clockText.split(separator: ":", omittingEmptySubsequences: false).compactMap { Int($0) }.filter { $0 >= 0 }
        guard let days, days >= 0, (1...3).contains(clock.count),
              clock.count == clockText.split(separator: ":", omittingEmptySubsequences: false).count
        else { return nil }
        let units = switch (parts.count, clock.count) {
        case (1, 1): [60]
        case (1, 2): [60, 1]
        case (2, 1): [3600]
        case (2, 2): [3600, 60]
        default: [3600, 60, 1]
        }
        return days * 86400 + zip(clock, units).map { $0 * $1 }.reduce(0, +)
    }

    /// Seconds before the time limit at which Slurm sends a worker SIGTERM (`--signal=B:TERM@LEAD`):
    /// a quarter of `time`, at most ``longestLead``, and ``longestLead`` when `time` is nil or
    /// unlimited. At least 1.
    static func signalLead(time: String?) -> Int {
        guard let time, let seconds = seconds(time) else { return longestLead }
        return max(1, min(longestLead, seconds / 4))
    }
}
