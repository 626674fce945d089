import Foundation

/// The sbatch script of a job array of `mirrorsweep work` processes.
public enum SlurmScript {
    /// Renders the script for `settings.workers` array tasks. Each task runs
    /// `executable work --connect endpoint --slots S --worker-id slurm-JOB-TASK` followed by
    /// `workerArguments` (`--gpus auto` instead of `--slots S` with ``SlurmJobSettings/gpusPerWorker``,
    /// which asks for `--gres=gpu:N`), and writes its log to `logDirectory/slurm-JOB_TASK.log`. The worker asks
    /// for SIGTERM ``SlurmTimeLimit/signalLead(time:)`` seconds before its time limit, so that it
    /// hands its trials back before it is killed, unless the extra arguments give `--signal`.
    ///
    /// `executable` and `logDirectory` must be absolute paths that the compute nodes see.
    public static func render(
        settings: SlurmJobSettings, executable: String, endpoint: String, logDirectory: String,
        workerArguments: [String]
    ) -> String {
        var options = [
            "--job-name=\(settings.jobName)",
            "--array=0-\(settings.workers - 1)",
            "--output=\(logDirectory)/slurm-%A_%a.log",
            "--ntasks=1",
            "--cpus-per-task=\(settings.cpusPerWorker)",
        ]
        if let partition = settings.partition { options.append("--partition=\(partition)") }
        if let time = settings.time { options.append("--time=\(time)") }
        if !settings.extraArguments.contains(where: { $0.hasPrefix("--signal") }) {
            options.append("--signal=B:TERM@\(SlurmTimeLimit.signalLead(time: settings.time))")
        }
        if let memory = settings.memory { options.append("--mem=\(memory)") }
        if let gpus = settings.gpusPerWorker { options.append("--gres=gpu:\(gpus)") }
        options += settings.extraArguments
        var lines = ["#!/bin/sh"]
        lines += options.map { "#SBATCH " + directive($0) }
        lines.append("# Written by 'mirrorsweep run --launcher slurm': one sweep worker per array task.")
        let capacity = settings.gpusPerWorker == nil ? ["--slots", "\(settings.slots)"] : ["--gpus", "auto"]
        let command = [shellQuoted(executable), "work", "--connect", shellQuoted(endpoint)] + capacity
            + ["--worker-id", "\"slurm-${SLURM_ARRAY_JOB_ID}-${SLURM_ARRAY_TASK_ID}\""]
            + workerArguments.map(shellQuoted)
        lines.append("exec " + command.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Array indices in sbatch's `--array` notation, runs of consecutive ones as ranges: `0-2,5`.
    static func arrayIndices(_ indices: [Int]) -> String {
        var runs: [(first: Int, last: Int)] = []
        for index in indices.sorted() {
            if let last = runs.last, index == last.last + 1 {
                runs[runs.count - 1].last = index
            } else if runs.last?.last != index {
                runs.append((index, index))
            }
        }
        return runs.map { $0.first == $0.last ? "\($0.first)" : "\($0.first)-\($0.last)" }.joined(separator: ",")
    }

    /// `text` quoted for a POSIX shell when it holds anything but safe characters.
    static func shellQuoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,")
        if !text.isEmpty, text.allSatisfy(safe.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// An `#SBATCH` option, its value in double quotes when it holds white space.
    private static func directive(_ option: String) -> String {
        guard option.contains(where: \.isWhitespace), let equals = option.firstIndex(of: "=") else { return option }
        return String(option[...equals]) + "\"" + option[option.index(after: equals)...] + "\""
    }
}
