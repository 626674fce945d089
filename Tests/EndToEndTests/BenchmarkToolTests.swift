import Foundation
import Testing

/// The benchmark executables run as `make bench` runs them: `mirrorsweep-bench measure` and
/// `mirrorsweep-swarm` against a real `mirrorsweep serve`. Sizes are tiny; no rate is asserted.
@Suite struct BenchmarkToolTests {
    /// `mirrorsweep-bench measure ARGUMENTS…`.
    func measure(_ arguments: [String]) throws -> ProcessOutput {
        try MirrorSweepBinary.run(["measure"] + arguments, executable: MirrorSweepBinary.sibling("mirrorsweep-bench"))
    }

    /// `mirrorsweep-bench measure ARGUMENTS… --json`, which must succeed, decoded.
    func measureJSON(_ arguments: [String]) throws -> [String: Any] {
        let output = try measure(arguments + ["--json"])
        #expect(output.succeeded, "stderr: \(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// `mirrorsweep-swarm --mirrorsweep MIRRORSWEEP ARGUMENTS…`.
    func swarm(_ arguments: [String], timeout: Duration = .seconds(60)) throws -> ProcessOutput {
        try MirrorSweepBinary.run(
            ["--mirrorsweep", MirrorSweepBinary.url().path] + arguments, timeout: timeout,
            executable: MirrorSweepBinary.sibling("mirrorsweep-swarm"))
    }

    @Test func measurePrintsTheRateOfEachRepetitionAsJSON() throws {
        let object = try measureJSON(
            ["--workload", "mask-weight", "--dimension", "20", "--samples", "10", "--steps", "50", "--repetitions", "3"])
        #expect(object["workload"] as? String == "mask-weight")
        #expect(object["steps"] as? Int == 50)
        #expect(object["clock"] as? String == "process-cpu")
        let runs = try #require(object["runs"] as? [Double])
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(object["steps_per_second"] as? Double == runs.sorted()[1])
    }

    @Test func measureRunsABatchOfTrials() throws {
        let object = try measureJSON(["--workload", "mask-weight", "--dimension", "20", "--samples", "10", "--steps", "5000", "--batch", "4"])
        #expect(object["batch"] as? Int == 4)
        #expect((object["trial_steps_per_second"] as? Double ?? 0) > 0)
        #expect(object["steps_per_second"] == nil)
    }

    @Test func measureRunsMatrixSensing() throws {
        let output = try measure(["--workload", "matrix-sensing", "--dimension", "6", "--samples", "40", "--rank", "2", "--steps", "20"])
        #expect(output.succeeded, "stderr: \(output.stderr)")
        #expect(output.stdout.hasPrefix("matrix-sensing d = 6 n = 40: "))
        #expect(output.stdout.contains("steps/s (median of 3, process CPU time)"))
    }

    @Test(arguments: [
        (["--workload", "mask-weight", "--dimension", "20", "--samples", "10"], "--steps are required"),
        (["--workload", "lasso", "--dimension", "20", "--samples", "10", "--steps", "5"], "--workload must be mask-weight or matrix-sensing, got 'lasso'"),
        (["--workload", "mask-weight", "--dimension", "0", "--samples", "10", "--steps", "5"], "--dimension must be an integer ≥ 1, got '0'"),
        (["--workload", "matrix-sensing", "--dimension", "6", "--samples", "40", "--steps", "5", "--batch", "16"], "--batch needs --workload mask-weight"),
        (["--workload", "mask-weight", "--dimension", "20", "--samples", "10", "--steps", "5", "--batch", "0"], "--batch must be an integer ≥ 1, got '0'"),
    ])
    func measureRejectsBadArguments(arguments: [String], message: String) throws {
        let output = try measure(arguments)
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains(message), "stderr: \(output.stderr)")
    }

    @Test func swarmCompletesTheSweepWithNoWorkerDeclaredDead() throws {
        let output = try swarm(["--workers", "20", "--trials", "1000", "--heartbeat-interval", "0.2"], timeout: .seconds(240))
        #expect(output.succeeded, "stdout: \(output.stdout) stderr: \(output.stderr)")
        #expect(output.stdout.contains("| 20 workers in one process, 1000 noop trials, heartbeat 0.2 s | value |"))
        #expect(output.stdout.contains("| results sent / acks received | 1000 / 1000 |"), "every result is acknowledged: \(output.stdout)")
        #expect(output.stdout.contains("| workers told to shut down (idle, or every trial recorded) | 20 of 20 |"))
        #expect(output.stdout.contains("| workers declared dead | 0 (shut down as unknown: 0) |"))
        #expect(output.stdout.contains("| result → ack latency p99, ms | "))
        #expect(!output.stdout.contains("Not clean"))
    }

    @Test func swarmRejectsATrialCountThatIsNotAMultipleOfTheSeeds() throws {
        let output = try swarm(["--trials", "150"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--trials must be a multiple of 100 (the sweep has 100 seeds), got 150"))
    }
}
