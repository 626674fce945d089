import ArgumentParser
import Launchers

/// Where `run` starts its workers.
enum LauncherKind: String, CaseIterable, ExpressibleByArgument {
    /// Worker processes on this machine.
    case local
    /// A Slurm job array.
    case slurm
    /// One worker per host, started over ssh.
    case ssh
}

/// `run`'s options choosing where the workers run and how they reach the coordinator.
struct LauncherFlags: ParsableArguments {
    @Option(help: "Where workers run: local (processes on this machine), slurm (a Slurm job array) or ssh (one worker per --hosts entry).")
    var launcher: LauncherKind = .local

    @Option(help: ArgumentHelp(
        "The hosts of --launcher ssh: host, user@host, host:slots, comma-separated (e.g. node1,alice@node2:4).",
        valueName: "list"))
    var hosts: String?

    @Option(parsing: .unconditionalSingleValue, help: "A further ssh option for --launcher ssh, e.g. --ssh-arg=-p --ssh-arg=2222; repeatable.")
    var sshArg: [String] = []

    @Option(help: ArgumentHelp(
        "Where the coordinator listens, e.g. tcp://10.1.2.3:5555.",
        discussion: "Default: tcp://127.0.0.1:* for local workers; for slurm, the address compute nodes reach on a port kept in the run directory; for ssh, the address of this host's name on a free port."))
    var bind: String?

    @Option(help: "The mirrorsweep binary that workers run (default: this one; for slurm it must be on a file system the compute nodes share).")
    var remoteBinary: String?

    @Option(help: "Slurm partition of the workers (default: the cluster's default).")
    var partition: String?

    @Option(help: "Slurm time limit per worker, e.g. 2:00:00 (default: the partition's).")
    var time: String?

    @Option(help: "CPUs per Slurm worker (default: --slots).")
    var cpusPerWorker: Int?

    @Option(help: "Memory per Slurm worker, e.g. 4G (default: the partition's).")
    var mem: String?

    @Option(help: ArgumentHelp(
        "GPUs per Slurm worker: asks for --gres=gpu:N and starts each worker with --gpus auto, one slot per GPU.",
        valueName: "N"))
    var gpusPerWorker: Int?

    @Option(parsing: .unconditionalSingleValue, help: "A further sbatch option, e.g. --account=proj; repeatable.")
    var sbatchArg: [String] = []

    @Option(help: ArgumentHelp(
        "How many Slurm workers may be resubmitted over the sweep, all together, after ending while trials remain (preempted, at the time limit, with their node, cancelled).",
        discussion: "Default: \(Self.resubmitsPerWorker) per worker."))
    var maxResubmits: Int?

    @Flag(help: "Print the sbatch script and the endpoint, then exit without submitting or serving.")
    var dryRun = false

    func validate() throws {
        if let bind { try EndpointArgument.check(bind, option: "--bind", binding: true) }
        if launcher == .ssh && hosts == nil { throw ValidationError("--launcher ssh needs --hosts h1,h2[:slots]") }
        if launcher != .ssh {
            if hosts != nil { throw ValidationError("--hosts needs --launcher ssh") }
            if !sshArg.isEmpty { throw ValidationError("--ssh-arg needs --launcher ssh") }
        }
        if launcher != .slurm {
            let slurmOnly: [(String, Bool)] = [
                ("--partition", partition != nil), ("--time", time != nil), ("--cpus-per-worker", cpusPerWorker != nil),
                ("--mem", mem != nil), ("--gpus-per-worker", gpusPerWorker != nil), ("--sbatch-arg", !sbatchArg.isEmpty), ("--max-resubmits", maxResubmits != nil),
                ("--dry-run", dryRun),
            ]
            if let (flag, _) = slurmOnly.first(where: \.1) {
                throw ValidationError("\(flag) needs --launcher slurm")
            }
        }
        if let cpusPerWorker, cpusPerWorker < 1 {
            throw ValidationError("--cpus-per-worker must be an integer ≥ 1, got \(cpusPerWorker)")
        }
        if let gpusPerWorker, gpusPerWorker < 1 {
            throw ValidationError("--gpus-per-worker must be an integer ≥ 1, got \(gpusPerWorker)")
        }
        if let maxResubmits, maxResubmits < 0 {
            throw ValidationError("--max-resubmits must be an integer ≥ 0, got \(maxResubmits)")
        }
        for argument in sbatchArg where !argument.hasPrefix("-") || argument.contains(where: \.isNewline) {
            throw ValidationError("--sbatch-arg must be one sbatch option starting with '-' (e.g. --account=proj), got '\(argument)'")
        }
        for (flag, value) in [("--partition", partition), ("--time", time), ("--mem", mem)] {
            if let value, value.isEmpty || value.contains(where: \.isWhitespace) {
                throw ValidationError("\(flag) must be one word without spaces, got '\(value)'")
            }
        }
    }

    /// Resubmissions allowed per Slurm worker when `--max-resubmits` is not given.
    static let resubmitsPerWorker = 10

    /// When `run` resubmits Slurm workers of `workers` that ended: within `--max-resubmits`.
    func slurmRestartPolicy(workers: Int) -> RestartPolicy {
        RestartPolicy(restartBudget: maxResubmits ?? Self.resubmitsPerWorker * workers)
    }

    /// The job array `run` submits for `workers` workers of `slots` slots each.
    func slurmSettings(workers: Int, slots: Int, sweepName: String) -> SlurmJobSettings {
        SlurmJobSettings(
            workers: workers, slots: slots, cpusPerWorker: cpusPerWorker, jobName: "mirrorsweep-\(sweepName)",
            partition: partition, time: time, memory: mem, gpusPerWorker: gpusPerWorker, extraArguments: sbatchArg)
    }
}
