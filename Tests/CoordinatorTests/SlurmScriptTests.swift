import Foundation
@testable import Launchers
import Testing

@Suite("Slurm launcher pieces")
struct SlurmScriptTests {
    @Test("the script is a job array of workers with every requested resource")
    func renderedScript() {
        let settings = SlurmJobSettings(
            workers: 4, slots: 2, jobName: "mirrorsweep-demo", partition: "short", time: "1:30:00", memory: "4G",
            extraArguments: ["--account=proj", "--constraint=avx2"])
        let script = SlurmScript.render(
            settings: settings, executable: "/shared/bin/mirrorsweep", endpoint: "tcp://10.0.0.5:41000",
            logDirectory: "/shared/runs/demo/logs", workerArguments: ["--log-level", "debug"])
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.first == "#!/bin/sh")
        #expect(lines.filter { $0.hasPrefix("#SBATCH ") } == [
            "#SBATCH --job-name=mirrorsweep-demo",
            "#SBATCH --array=0-3",
            "#SBATCH --output=/shared/runs/demo/logs/slurm-%A_%a.log",
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --partition=short",
            "#SBATCH --time=1:30:00",
            "#SBATCH --signal=B:TERM@120",
            "#SBATCH --mem=4G",
            "#SBATCH --account=proj",
            "#SBATCH --constraint=avx2",
        ])
        #expect(lines.last == "exec /shared/bin/mirrorsweep work --connect tcp://10.0.0.5:41000 --slots 2 "
            + "--worker-id \"slurm-${SLURM_ARRAY_JOB_ID}-${SLURM_ARRAY_TASK_ID}\" --log-level debug")
    }

    @Test("unset resources are left to the cluster; CPUs per worker default to the slots")
    func defaults() {
        let settings = SlurmJobSettings(workers: 1, slots: 3, jobName: "j")
        #expect(settings.cpusPerWorker == 3)
        let script = SlurmScript.render(
            settings: settings, executable: "/b/mirrorsweep", endpoint: "tcp://h:1", logDirectory: "/r/logs", workerArguments: [])
        #expect(script.contains("#SBATCH --array=0-0\n"))
        #expect(!script.contains("--partition"))
        #expect(!script.contains("--time"))
        #expect(!script.contains("--mem"))
    }

    @Test("paths with spaces and quotes stay one word for the shell and for sbatch")
    func quoting() {
        #expect(SlurmScript.shellQuoted("/plain/path-1.0") == "/plain/path-1.0")
        #expect(SlurmScript.shellQuoted("/my dir/it's") == "'/my dir/it'\\''s'")
        #expect(SlurmScript.shellQuoted("") == "''")
        let script = SlurmScript.render(
            settings: SlurmJobSettings(workers: 2, jobName: "j"), executable: "/my dir/mirrorsweep", endpoint: "tcp://h:1",
            logDirectory: "/runs/my run/logs", workerArguments: ["--secret-key", "/keys/a b"])
        #expect(script.contains("#SBATCH --output=\"/runs/my run/logs/slurm-%A_%a.log\"\n"))
        #expect(script.contains("exec '/my dir/mirrorsweep' work "))
        #expect(script.hasSuffix(" --secret-key '/keys/a b'\n"))
    }

    @Test("sbatch --parsable output gives the job id, with or without a cluster name")
    func parsableJobID() {
        #expect(SlurmLauncher.jobID(parsable: "12345\n") == "12345")
        #expect(SlurmLauncher.jobID(parsable: "678;cluster-a\n") == "678")
        #expect(SlurmLauncher.jobID(parsable: "sbatch: warning: x\n42\n") == "42")
        #expect(SlurmLauncher.jobID(parsable: "Submitted batch job\n") == nil)
        #expect(SlurmLauncher.jobID(parsable: "") == nil)
    }

    @Test("squeue and sacct listings are counted per state")
    func taskStates() {
        let states = SlurmTaskStates(listing: "RUNNING\nPENDING\nRUNNING\nCOMPLETING\n")
        #expect(states.counts == ["running": 2, "pending": 1, "completing": 1])
        #expect(states.activeCount == 3)
        #expect(states.summary == "2 running, 1 pending, 1 completing")
        let finished = SlurmTaskStates(listing: "CANCELLED by 0\nCOMPLETED\n")
        #expect(finished.activeCount == 0)
        #expect(finished.summary == "0 running, 0 pending, 1 cancelled, 1 completed")
        #expect(SlurmTaskStates(listing: "").isEmpty)
    }

    @Test("the controller host comes from SlurmctldHost, its address first, or the older keys")
    func controllerHost() {
        #expect(HostAddress.controllerHost(config: "ClusterName = c\nSlurmctldHost[0]        = vm(127.0.0.1)\n") == "127.0.0.1")
        #expect(HostAddress.controllerHost(config: "SlurmctldHost[0] = head01\nSlurmctldHost[1] = head02\n") == "head01")
        #expect(HostAddress.controllerHost(config: "ControlMachine = old\nControlAddr = 10.1.1.1\n") == "10.1.1.1")
        #expect(HostAddress.controllerHost(config: "ClusterName = c\n") == nil)
    }

    @Test("the route to a loopback controller leaves from loopback; a free port is a real port")
    func addresses() throws {
        #expect(try HostAddress.sourceAddress(toward: "127.0.0.1") == "127.0.0.1")
        #expect(try HostAddress.resolve("localhost").hasPrefix("127."))
        let port = try HostAddress.freePort(on: "127.0.0.1")
        #expect((1...65535).contains(port))
        #expect(throws: LauncherError.self) { try HostAddress.freePort(on: "not-an-address") }
    }

    @Test("the job record survives a round trip through the run directory")
    func recordRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slurm-record-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try SlurmJobRecord.load(runDirectory: directory) == nil)
        let record = SlurmJobRecord(endpoint: "tcp://10.0.0.5:41000", jobs: ["12", "15"])
        try record.save(runDirectory: directory)
        #expect(try SlurmJobRecord.load(runDirectory: directory) == record)
        try "not json".write(toFile: SlurmJobRecord.path(runDirectory: directory), atomically: true, encoding: .utf8)
        #expect(throws: LauncherError.self) { try SlurmJobRecord.load(runDirectory: directory) }
    }

    @Test("a missing Slurm command is a launcher error naming the command")
    func missingCommand() {
        #expect(throws: LauncherError.self) { try SlurmCommand.run("mirrorsweep-no-such-slurm-tool", []) }
        do {
            _ = try SlurmCommand.run("mirrorsweep-no-such-slurm-tool", ["-h"])
        } catch {
            #expect(error.description.contains("mirrorsweep-no-such-slurm-tool is not on PATH"))
        }
    }
}
