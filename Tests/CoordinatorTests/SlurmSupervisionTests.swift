@testable import Launchers
import Testing

@Suite("Slurm worker supervision pieces")
struct SlurmSupervisionTests {
    static func task(_ job: String, _ index: Int, _ state: String, _ reason: String = "None") -> SlurmTask {
        SlurmTask(id: SlurmTask.ID(job: job, task: index), state: state, reason: reason)
    }

    @Test("squeue -r -t all listings give each array task's state and reason")
    func listing() {
        let tasks = SlurmTask.parse(listing: "41|0|RUNNING|None\n41|1|TIMEOUT|TimeLimit\n52|3|PENDING|Resources\n60|N/A|RUNNING|None\n\n")
        #expect(tasks == [Self.task("41", 0, "RUNNING"), Self.task("41", 1, "TIMEOUT", "TimeLimit"), Self.task("52", 3, "PENDING", "Resources")])
        #expect(tasks.map(\.isActive) == [true, false, true])
        #expect(tasks.map(\.stateAndReason) == ["RUNNING", "TIMEOUT (TimeLimit)", "PENDING (Resources)"])
        #expect(tasks[1].id.description == "41_1")
    }

    @Test("cancelled, preempted, timed-out, node-lost and signalled tasks were ended from outside; failed ones by their worker")
    func endedFromOutside() {
        for how in ["CANCELLED", "PREEMPTED", "TIMEOUT (TimeLimit)", "NODE_FAIL (NodeDown)", "COMPLETED", "cancelled by 0"] {
            #expect(SlurmTask.endedFromOutside(how), "\(how)")
        }
        for how in ["FAILED (NonZeroExitCode)", "OUT_OF_MEMORY", "BOOT_FAIL", "left the queue"] {
            #expect(!SlurmTask.endedFromOutside(how), "\(how)")
        }
    }

    @Test("a task leaves its slot once it is no longer active or Slurm forgot it, and only once")
    func endings() {
        var slots = SlurmWorkerSlots(count: 3)
        slots.assign(slot: 0, job: "41")
        slots.assign(slot: 1, job: "41")
        slots.assign(slot: 2, job: "41")
        let listing = [Self.task("41", 0, "PENDING", "Priority"), Self.task("41", 1, "NODE_FAIL", "NodeDown")]
        #expect(slots.takeEndings(listing: listing) == [
            .init(slot: 1, task: .init(job: "41", task: 1), how: "NODE_FAIL (NodeDown)"),
            .init(slot: 2, task: .init(job: "41", task: 2), how: "left the queue"),
        ])
        #expect(slots.tasks == [.init(job: "41", task: 0), nil, nil])
        #expect(slots.takeEndings(listing: listing).isEmpty)
        #expect(slots.activeStates(listing: listing).summary == "0 running, 1 pending")

        slots.assign(slot: 1, job: "57")
        let later = [Self.task("41", 0, "RUNNING"), Self.task("41", 1, "NODE_FAIL", "NodeDown"), Self.task("57", 1, "RUNNING")]
        #expect(slots.takeEndings(listing: later).isEmpty)
        #expect(slots.activeStates(listing: later).summary == "2 running, 0 pending")
    }

    @Test("a resumed run puts live tasks into their own slots first, then into the free ones")
    func adopt() {
        var slots = SlurmWorkerSlots(count: 3)
        let filled = slots.adopt([.init(job: "7", task: 2), .init(job: "9", task: 2), .init(job: "9", task: 5), .init(job: "9", task: 6)])
        #expect(filled == [0, 1, 2])
        #expect(slots.tasks == [.init(job: "9", task: 2), .init(job: "9", task: 5), .init(job: "7", task: 2)])
    }

    @Test("Slurm time limits in every form, and unlimited or malformed ones")
    func timeLimits() {
        #expect(SlurmTimeLimit.seconds("1") == 60)
        #expect(SlurmTimeLimit.seconds("10:30") == 630)
        #expect(SlurmTimeLimit.seconds("2:00:00") == 7200)
        #expect(SlurmTimeLimit.seconds("1-0") == 86400)
        #expect(SlurmTimeLimit.seconds("1-2:03") == 93780)
        #expect(SlurmTimeLimit.seconds("1-02:03:04") == 93784)
        for text in ["UNLIMITED", "INFINITE", "", "1:2:3:4", "a:10", "1-2-3", "-5", "1:-5", "1:"] {
            #expect(SlurmTimeLimit.seconds(text) == nil, "\(text)")
        }
    }

    @Test("the warning signal comes a quarter of a short time limit early, at most 2 minutes")
    func signalLead() {
        #expect(SlurmTimeLimit.signalLead(time: "1") == 15)
        #expect(SlurmTimeLimit.signalLead(time: "0:02") == 1)
        #expect(SlurmTimeLimit.signalLead(time: "5") == 75)
        #expect(SlurmTimeLimit.signalLead(time: "2:00:00") == 120)
        #expect(SlurmTimeLimit.signalLead(time: nil) == 120)
        #expect(SlurmTimeLimit.signalLead(time: "UNLIMITED") == 120)
    }

    @Test("the script asks for SIGTERM before the time limit unless --sbatch-arg gives --signal")
    func signalOption() {
        func options(_ settings: SlurmJobSettings) -> [String] {
            SlurmScript.render(settings: settings, executable: "/b/m", endpoint: "tcp://h:1", logDirectory: "/l", workerArguments: [])
                .split(separator: "\n").filter { $0.hasPrefix("#SBATCH --signal") }.map(String.init)
        }
        #expect(options(SlurmJobSettings(workers: 2, jobName: "j", time: "1")) == ["#SBATCH --signal=B:TERM@15"])
        #expect(options(SlurmJobSettings(workers: 2, jobName: "j", extraArguments: ["--signal=B:USR1@300"])) == ["#SBATCH --signal=B:USR1@300"])
    }

    @Test("array indices are written as sbatch ranges")
    func arrayIndices() {
        #expect(SlurmScript.arrayIndices([0, 1, 2, 3]) == "0-3")
        #expect(SlurmScript.arrayIndices([5, 0, 2, 1]) == "0-2,5")
        #expect(SlurmScript.arrayIndices([4]) == "4")
        #expect(SlurmScript.arrayIndices([1, 1, 3]) == "1,3")
    }

    @Test("giving up names each reason once with its workers")
    func gaveUpReason() {
        let reason = SlurmLauncher.gaveUpReason([
            (0, "the budget of 2 replacements is spent; the last worker: slurm task 41_0 TIMEOUT (TimeLimit)"),
            (1, "5 workers in a row ended within 10 s of starting; the last: could not start: sbatch: error: bad"),
            (2, "the budget of 2 replacements is spent; the last worker: slurm task 41_0 TIMEOUT (TimeLimit)"),
        ])
        #expect(reason == "no more slurm workers are submitted; "
            + "workers 0, 2: the budget of 2 replacements is spent; the last worker: slurm task 41_0 TIMEOUT (TimeLimit); "
            + "worker 1: 5 workers in a row ended within 10 s of starting; the last: could not start: sbatch: error: bad")
    }
}
