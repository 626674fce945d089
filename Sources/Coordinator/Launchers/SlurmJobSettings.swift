/// What a Slurm job array of workers asks for: how many workers and the resources of each.
public struct SlurmJobSettings: Sendable, Equatable {
    /// Worker processes, one array task each.
    public var workers: Int
    /// Training threads per worker (`mirrorsweep work --slots`).
    public var slots: Int
    /// CPUs per array task (`--cpus-per-task`).
    public var cpusPerWorker: Int
    /// The job's name in `squeue` (`--job-name`).
    public var jobName: String
    /// The partition (`--partition`), or nil for the cluster's default.
    public var partition: String?
    /// The time limit per task (`--time`, e.g. `2:00:00`), or nil for the partition's default.
    public var time: String?
    /// Memory per task (`--mem`, e.g. `4G`), or nil for the partition's default.
    public var memory: String?
    /// GPUs per array task (`--gres=gpu:N`), or nil for none; the worker then runs with
    /// `--gpus auto`, one slot per GPU that Slurm gives it.
    public var gpusPerWorker: Int?
    /// Further sbatch options, each written as one `#SBATCH` line (e.g. `--account=proj`).
    public var extraArguments: [String]

    public init(
        workers: Int, slots: Int = 1, cpusPerWorker: Int? = nil, jobName: String, partition: String? = nil,
        time: String? = nil, memory: String? = nil, gpusPerWorker: Int? = nil, extraArguments: [String] = []
    ) {
        self.workers = workers
        self.slots = slots
        self.cpusPerWorker = cpusPerWorker ?? slots
        self.jobName = jobName
        self.partition = partition
        self.time = time
        self.memory = memory
        self.gpusPerWorker = gpusPerWorker
        self.extraArguments = extraArguments
    }
}
