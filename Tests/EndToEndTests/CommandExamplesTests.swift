import Foundation
import Testing

/// The command sweeps of `examples/` (docs/COMMANDS.md), run by the built `mirrorsweep` with local
/// workers that start the examples' Python programs.
@Suite("Command examples run end to end", .serialized)
struct CommandExamplesTests {
    /// The repository's `examples/` directory.
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static let hasNumPy = pythonImports("numpy")
    static let hasTorch = pythonImports("torch")

    /// Whether `python3 -c 'import MODULE'` succeeds.
    static func pythonImports(_ module: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The path of `examples/DIRECTORY/FILE`.
    static func spec(_ directory: String, _ file: String = "sweep.yaml") -> String {
        examples.appendingPathComponent(directory).appendingPathComponent(file).path
    }

    /// Runs `spec` with 2 local workers into a new run directory and expects every one of its
    /// `trials` done; returns the run directory.
    func runAll(_ spec: String, trials: Int, timeout: Duration = .seconds(600)) throws -> String {
        // The examples' specs stay where they are (their working_directory is relative to them):
        // the fixture only provides the temporary run directory and `status`.
        let fixture = try SweepFixture(name: "empty", yaml: "")
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", spec, "--workers", "2", "--run-dir", dir], timeout: timeout)
        #expect(output.succeeded, "run of \(spec) failed: \(output.stderr)")
        let status = try fixture.status(dir)
        #expect(status["total"] as? Int == trials)
        #expect(status["done"] as? Int == trials, "not all done: \(status)")
        #expect(status["failed"] as? Int == 0)
        return dir
    }

    /// `mirrorsweep table DIR --format csv --metrics METRICS` as one dictionary per row, keyed by the header.
    func tableRows(_ dir: String, metrics: [String]) throws -> [[String: String]] {
        let output = try MirrorSweepBinary.run(
            ["table", dir, "--format", "csv", "--metrics", metrics.joined(separator: ",")], timeout: .seconds(60))
        try #require(output.succeeded, "table failed: \(output.stderr)")
        let lines = output.stdout.split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for metric in metrics {
            #expect(header.contains("\(metric)_mean"), "no column \(metric)_mean in \(header)")
        }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    /// The number in `column` of the row whose axes have the values `axes`.
    func value(_ column: String, in rows: [[String: String]], where axes: [String: String]) throws -> Double {
        let row = try #require(rows.first { row in axes.allSatisfy { row[$0.key] == $0.value } }, "no row \(axes) in \(rows)")
        return try #require(row[column].flatMap(Double.init), "no number in \(column) of \(row)")
    }

    @Test("python-minimal: 12 trials with 2 local workers all done; the table shows the closed-form shrinkage λ/(1+λ)")
    func pythonMinimal() throws {
        let dir = try runAll(Self.spec("python-minimal"), trials: 12)
        let rows = try tableRows(dir, metrics: ["distance", "shrinkage", "loss"])
        #expect(rows.count == 6)
        for weightDecay in [0.0, 0.1, 1.0] {
            let text = weightDecay == 0 ? "0" : weightDecay == 1 ? "1" : "0.1"
            let shrinkage = try value("shrinkage_mean", in: rows, where: ["weight_decay": text, "learning_rate": "0.5"])
            #expect(abs(shrinkage - weightDecay / (1 + weightDecay)) < 1e-9, "λ = \(text): shrinkage \(shrinkage)")
            let n = try value("n", in: rows, where: ["weight_decay": text, "learning_rate": "0.5"])
            #expect(n == 2)
        }
    }

    @Test("numpy-sparse-regression runs end to end and agrees with the same sweep on the core",
          .enabled(if: hasNumPy, "numpy is not installed (pip install numpy)"))
    func numpySparseRegression() throws {
        let metrics = ["recovery_error", "nonzeros", "train_loss"]
        let numpy = try tableRows(try runAll(Self.spec("numpy-sparse-regression"), trials: 12), metrics: metrics)
        let core = try tableRows(try runAll(Self.spec("numpy-sparse-regression", "core.yaml"), trials: 12), metrics: metrics)
        #expect(numpy.count == 6)
        for weightDecay in ["0.02", "0.05"] {
            for schedule in ["constant", "off-at:1500", "off-at:3000"] {
                let axes = ["weight_decay": weightDecay, "schedule": schedule]
                let fromNumPy = try value("recovery_error_mean", in: numpy, where: axes)
                let fromCore = try value("recovery_error_mean", in: core, where: axes)
                // The same data up to the last bit of log and cos, the same updates: equal to many digits.
                #expect(abs(fromNumPy - fromCore) <= 1e-6 * max(1, fromCore), "\(axes): numpy \(fromNumPy), core \(fromCore)")
                let nonzeros = (try value("nonzeros_mean", in: numpy, where: axes), try value("nonzeros_mean", in: core, where: axes))
                #expect(abs(nonzeros.0 - nonzeros.1) <= 1, "\(axes): nonzeros numpy \(nonzeros.0), core \(nonzeros.1)")
            }
        }
    }

    @Test("pytorch-pilot-digits runs end to end and learns the digits",
          .enabled(if: hasTorch, "torch is not installed (pip install torch)"))
    func pytorchPilotDigits() throws {
        let dir = try runAll(Self.spec("pytorch-pilot-digits"), trials: 8, timeout: .seconds(1800))
        let rows = try tableRows(dir, metrics: ["accuracy", "sparsity", "accuracy@0.9"])
        #expect(rows.count == 4)
        for row in rows {
            let accuracy = try #require(row["accuracy_mean"].flatMap(Double.init), "no accuracy in \(row)")
            #expect(accuracy > 0.85, "test accuracy \(accuracy) in \(row)")
        }
    }
}
