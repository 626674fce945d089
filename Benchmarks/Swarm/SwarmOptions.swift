import Foundation

/// The command line of `mirrorsweep-swarm`.
///
/// ```
/// mirrorsweep-swarm --mirrorsweep BIN [--workers 500] [--trials 100000]
///                   [--heartbeat-interval 1] [--heartbeat-liveness 5]
/// ```
struct SwarmOptions {
    /// The `mirrorsweep` executable whose `serve` is measured.
    var mirrorsweep: String?
    /// DEALER sockets opened in this process, one simulated worker each.
    var workers = 500
    /// Noop trials in the generated sweep, a multiple of 100.
    var trials = 100_000
    /// `serve --heartbeat-interval`, seconds.
    var heartbeatInterval = 1.0
    /// `serve --heartbeat-liveness`, intervals.
    var heartbeatLiveness = 5

    /// A command-line mistake, naming the option and what it allows.
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> SwarmOptions {
        var options = SwarmOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws(UsageError) -> String {
            guard let v = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return v
        }
        func integer(_ flag: String, atLeast minimum: Int) throws(UsageError) -> Int {
            let text = try value(flag)
            guard let v = Int(text), v >= minimum else {
                throw UsageError(description: "\(flag) must be an integer ≥ \(minimum), got '\(text)'")
            }
            return v
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--mirrorsweep": options.mirrorsweep = try value(flag)
            case "--workers": options.workers = try integer(flag, atLeast: 1)
            case "--trials":
                options.trials = try integer(flag, atLeast: 100)
                guard options.trials % 100 == 0 else {
                    throw UsageError(description: "--trials must be a multiple of 100 (the sweep has 100 seeds), got \(options.trials)")
                }
            case "--heartbeat-interval":
                let text = try value(flag)
                guard let v = Double(text), v > 0, v.isFinite else {
                    throw UsageError(description: "--heartbeat-interval must be a number of seconds > 0, got '\(text)'")
                }
                options.heartbeatInterval = v
            case "--heartbeat-liveness": options.heartbeatLiveness = try integer(flag, atLeast: 1)
            default:
                throw UsageError(description: "unknown option '\(flag)'; allowed: --mirrorsweep, --workers, --trials, --heartbeat-interval, --heartbeat-liveness")
            }
        }
        guard options.mirrorsweep != nil else { throw UsageError(description: "--mirrorsweep BIN is required") }
        return options
    }

    /// The noop sweep spec: `trials / 100` grid points × 100 seeds.
    var spec: String {
        let steps = (0..<(trials / 100)).map(String.init).joined(separator: ", ")
        return """
            name: swarm-noop
            description: 500-worker swarm benchmark, \(trials) trials that do no training.
            base:
              problem: noop
            grid:
              steps: [\(steps)]
            seeds: 100

            """
    }
}
