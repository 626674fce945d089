import Core
import Foundation
import Testing

/// `mirrorsweep train --json` gives the same bytes (less `wall_seconds`) whatever kernels OpenBLAS
/// picks (`OPENBLAS_CORETYPE`), whatever variants glibc picks for libm (`GLIBC_TUNABLES`) and
/// whatever instruction set Core's kernels run on (`MIRRORSWEEP_KERNELS`), for every problem kind
/// and parameterization.
@Suite("Identical results on every CPU")
struct CrossCPUDeterminismTests {
    /// One small trial of each problem kind and parameterization.
    static let trials: [[String]] = {
        let sparse = [
            "--problem", "sparse-regression", "--samples", "30", "--dimension", "40", "--sparsity", "3",
            "--test-samples", "20", "--noise", "0.1", "--steps", "300", "--curve-points", "5", "--learning-rate", "0.05",
            "--weight-decay", "0.001",
        ]
        let sensing = [
            "--problem", "matrix-sensing", "--dimension", "8", "--rank", "2", "--measurements", "60", "--steps", "200",
            "--learning-rate", "0.05", "--weight-decay", "0.001", "--curve-points", "4",
        ]
        let mlp = ["--learning-rate", "0.05", "--prune-sparsity", "0.5", "--prune-sparsity", "0.9", "--curve-points", "3"]
        return [
            sparse + ["--parameterization", "direct"],
            sparse + ["--parameterization", "mask-weight", "--optimizer", "sgd", "--batch-size", "8", "--schedule", "cosine"],
            sparse + ["--parameterization", "hadamard", "--depth", "3", "--schedule", "geometric:0.99:10"],
            sparse + ["--parameterization", "diff-of-powers", "--depth", "3"],
            sensing + ["--model", "direct"],
            sensing + ["--model", "uu"],
            sensing + ["--model", "uv", "--optimizer", "momentum"],
            sensing + ["--model", "deep", "--depth", "3"],
            mlp + [
                "--problem", "digits", "--widths", "16", "--parameterization", "mask-weight", "--optimizer", "momentum",
                "--batch-size", "32", "--steps", "30",
            ],
            mlp + [
                "--problem", "teacher-student", "--dimension", "12", "--samples", "200", "--test-samples", "100",
                "--widths", "16,8", "--parameterization", "direct", "--optimizer", "sgd", "--batch-size", "20",
                "--steps", "40", "--l1-penalty", "0.0001",
            ],
        ]
    }()

    /// A child environment: a name for messages, variables to set and variables to remove.
    struct Machine: Sendable {
        let name: String
        let set: [String: String]
        let unset: [String]
    }

    /// glibc 2.36's spelling: its libm then takes the variants built without FMA and AVX2.
    static let withoutFMA = "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX512F,-AVX512VL"

    /// Every OpenBLAS core type (and none), glibc without FMA, all three as on a CPU without AVX2 or
    /// FMA, then every instruction set this CPU runs.
    static let machines: [Machine] = {
        var machines = ["Haswell", "SkylakeX", "Zen", "Prescott"].map {
            Machine(name: "OPENBLAS_CORETYPE=\($0)", set: ["OPENBLAS_CORETYPE": $0], unset: [])
        }
        machines.append(Machine(name: "OPENBLAS_CORETYPE unset", set: [:], unset: ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]))
        machines.append(Machine(name: "GLIBC_TUNABLES=\(withoutFMA)", set: ["GLIBC_TUNABLES": withoutFMA], unset: []))
        machines.append(Machine(
            name: "a CPU without AVX2 or FMA", set: ["OPENBLAS_CORETYPE": "Prescott", "GLIBC_TUNABLES": withoutFMA, "MIRRORSWEEP_KERNELS": "portable"],
            unset: []))
        machines += InstructionSet.allCases.filter(\.isSupported).map {
            Machine(name: "MIRRORSWEEP_KERNELS=\($0.rawValue)", set: ["MIRRORSWEEP_KERNELS": $0.rawValue], unset: [])
        }
        return machines
    }()

    /// The result JSON of `mirrorsweep train <arguments> --json` on `machine`, without `wall_seconds`.
    static func result(_ arguments: [String], on machine: Machine) throws -> String {
        let wrapper = machine.unset.isEmpty ? [] : ["/usr/bin/env"] + machine.unset.flatMap { ["-u", $0] }
        let output = try MirrorSweepBinary.start(["train", "--seed", "7", "--json"] + arguments, environment: machine.set, wrapper: wrapper)
            .wait(timeout: .seconds(60))
        try #require(output.succeeded, "\(machine.name): \(output.stderr)")
        return output.stdout.replacingOccurrences(of: #""wall_seconds":[^,}]*"#, with: "", options: .regularExpression)
    }

    @Test(arguments: trials)
    func sameBytesOnEveryMachine(_ arguments: [String]) throws {
        let reference = try Self.result(arguments, on: Self.machines[0])
        #expect(reference.contains("\"status\":\"completed\""), "\(reference)")
        for machine in Self.machines.dropFirst() {
            let other = try Self.result(arguments, on: machine)
            let first = zip(reference, other).prefix { $0 == $1 }.count
            #expect(other == reference, """
                \(machine.name) differs from \(Self.machines[0].name) at character \(first): \
                …\(reference.dropFirst(max(0, first - 40)).prefix(80))… versus …\(other.dropFirst(max(0, first - 40)).prefix(80))…
                """)
        }
    }
}
