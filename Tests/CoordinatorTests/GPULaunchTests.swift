import Foundation
@testable import Launchers
import Testing

@Suite("GPUs in the launchers")
struct GPULaunchTests {
    @Test("--gpus lists and auto are read; bad entries are refused naming the entry")
    func parsing() throws {
        #expect(try GPUDevices(parsing: "auto") == .auto)
        #expect(try GPUDevices(parsing: "0,1") == .ids(["0", "1"]))
        #expect(try GPUDevices(parsing: "GPU-5c3f,3").argument == "GPU-5c3f,3")
        for (text, entry) in [("0,,1", ""), ("0,1,0", "0"), ("0, 1", " 1")] {
            #expect(throws: LauncherError.gpuList(entry: entry, reason: entry.isEmpty
                ? "an empty device id" : entry == "0" ? "device 0 is listed twice" : "a device id holds no spaces or '='")) {
                try GPUDevices(parsing: text)
            }
        }
        let error = try #require(throws: LauncherError.self) { try GPUDevices(parsing: "0,0") }
        #expect(error.description.contains("--gpus entry '0'"))
        #expect(error.description.contains(GPUDevices.allowedForms))
    }

    @Test("a local worker with GPUs is started with --gpus instead of --slots")
    func localArguments() {
        #expect(LocalLauncher.arguments(endpoint: "tcp://127.0.0.1:5", slots: 3, gpus: .ids(["0", "1"]), workerID: "local-1-0", extra: ["--log-level", "debug"])
            == ["work", "--connect", "tcp://127.0.0.1:5", "--gpus", "0,1", "--worker-id", "local-1-0", "--exit-with-parent", "--log-level", "debug"])
        #expect(LocalLauncher.arguments(endpoint: "tcp://h:1", slots: 3, gpus: .auto, workerID: "w", extra: []).contains("auto"))
        #expect(LocalLauncher.arguments(endpoint: "tcp://h:1", slots: 3, gpus: nil, workerID: "w", extra: [])
            == ["work", "--connect", "tcp://h:1", "--slots", "3", "--worker-id", "w", "--exit-with-parent"])
    }

    @Test("a Slurm worker with GPUs asks for --gres=gpu:N and runs with --gpus auto")
    func slurmScript() {
        let settings = SlurmJobSettings(workers: 2, slots: 4, jobName: "j", gpusPerWorker: 2)
        let script = SlurmScript.render(
            settings: settings, executable: "/b/mirrorsweep", endpoint: "tcp://h:1", logDirectory: "/r/logs", workerArguments: [])
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.contains("#SBATCH --gres=gpu:2"))
        #expect(lines.contains("#SBATCH --cpus-per-task=4"))
        #expect(lines.last == "exec /b/mirrorsweep work --connect tcp://h:1 --gpus auto "
            + "--worker-id \"slurm-${SLURM_ARRAY_JOB_ID}-${SLURM_ARRAY_TASK_ID}\"")
        let plain = SlurmScript.render(
            settings: SlurmJobSettings(workers: 2, slots: 4, jobName: "j"), executable: "/b/mirrorsweep", endpoint: "tcp://h:1",
            logDirectory: "/r/logs", workerArguments: [])
        #expect(!plain.contains("--gres") && !plain.contains("--gpus"))
    }
}
