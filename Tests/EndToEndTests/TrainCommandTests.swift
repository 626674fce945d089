import Foundation
import Testing

@Suite("mirrorsweep train")
struct TrainCommandTests {
    /// Parses the single JSON object `mirrorsweep train --json` prints.
    static func object(_ output: ProcessOutput) throws -> [String: Any] {
        let lines = output.stdout.split(separator: "\n")
        try #require(lines.count == 1, "one line of JSON, got: \(output.stdout)")
        return try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    }

    /// Writes `text` to a fresh file named `name` and returns its path.
    static func file(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func noopPrintsOneJSONObject() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--seed", "17", "--json"])
        #expect(output.succeeded, "\(output.stderr)")
        let json = try Self.object(output)
        #expect(json["status"] as? String == "completed")
        #expect(json["steps"] as? Int == 0)
        #expect(json["seed"] as? Int == 17)
        #expect((json["metrics"] as? [String: Double])?["seed"] == 17)
        #expect(json["x"] as? [Double] == [])
        #expect(json["curves"] is [Any])
        #expect(json["wall_seconds"] as? Double != nil)
        #expect(json["diverged_at"] == nil)
        let config = try #require(json["config"] as? [String: Any])
        #expect(config["problem"] as? String == "noop")
        #expect(config["schedule"] as? String == "constant")
        #expect(config["learning_rate"] as? Double == 0.02)
    }

    @Test func jsonKeysAreSorted() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--json"])
        #expect(Self.topLevelKeys(output.stdout) == ["config", "curves", "metrics", "seed", "status", "steps", "wall_seconds", "x"])
        let start = try #require(output.stdout.range(of: "\"config\":{")).lowerBound
        let config = output.stdout[start...]
        #expect(config.hasPrefix(#""config":{"curve_points""#))
    }

    /// The keys of the outermost JSON object, in the order they appear.
    static func topLevelKeys(_ json: String) -> [String] {
        var keys: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        var expectingKey = false
        for c in json {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" {
                    inString = false
                    if expectingKey { keys.append(current) }
                    expectingKey = false
                } else { current.append(c) }
                continue
            }
            switch c {
            case "\"": inString = true; current = ""
            case "{", "[": depth += 1; expectingKey = depth == 1 && c == "{"
            case "}", "]": depth -= 1
            case ",": expectingKey = depth == 1
            default: break
            }
        }
        return keys
    }

    @Test func summaryIsTheDefault() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--seed", "3"])
        #expect(output.succeeded, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("status") && $0.hasSuffix("completed") })
        #expect(lines.contains { $0.hasPrefix("x ") && $0.contains("d = 0") })
        #expect(lines.contains("metrics"))
        #expect(lines.contains { $0.hasPrefix("  seed") && $0.hasSuffix(" 3") })
        let valueColumns = Set(lines.compactMap { line in line.range(of: "[^ ]  +[^ ]", options: .regularExpression).map { line.distance(from: line.startIndex, to: $0.upperBound) } })
        #expect(valueColumns.count == 1, "values start in one column:\n\(output.stdout)")
    }

    @Test func logsGoToStderrAtTheRequestedLevel() throws {
        let quiet = try MirrorSweepBinary.run(["train", "--problem", "noop", "--json", "--log-level", "error"])
        #expect(quiet.succeeded)
        #expect(!quiet.stderr.contains("training"))
        let chatty = try MirrorSweepBinary.run(["train", "--problem", "noop", "--json"], environment: ["MIRRORSWEEP_LOG_LEVEL": "debug"])
        #expect(chatty.stderr.contains("training"))
        let bad = try MirrorSweepBinary.run(["train", "--problem", "noop"], environment: ["MIRRORSWEEP_LOG_LEVEL": "loud"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("MIRRORSWEEP_LOG_LEVEL") && bad.stderr.contains("debug"))
    }

    @Test func badScheduleNamesTheFlagAndTheAllowedForms() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--schedule", "off-at"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--schedule"))
        #expect(output.stderr.contains("off-at:T"))
        #expect(output.stderr.contains("warmup:W+SCHEDULE"))
        #expect(!output.stderr.contains("Fatal error"))
        #expect(output.stdout.isEmpty)
    }

    @Test func badDepthNamesTheFieldAndWhatIsAllowed() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--depth", "0", "--parameterization", "hadamard"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--depth"))
        #expect(output.stderr.contains("field 'depth'"))
        #expect(output.stderr.contains("≥ 2 for hadamard"))
    }

    @Test func badEnumValueListsTheAllowedValues() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--optimizer", "adam"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--optimizer"))
        #expect(output.stderr.contains("'gd'") && output.stderr.contains("'momentum'"))
    }

    @Test func directParameterizationDefaultsToDepthOne() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--parameterization", "direct", "--json"])
        #expect(output.succeeded, "\(output.stderr)")
        let config = try #require(try Self.object(output)["config"] as? [String: Any])
        #expect(config["depth"] as? Int == 1)
    }

    @Test func everyFieldHasAFlag() throws {
        let output = try MirrorSweepBinary.run([
            "train", "--problem", "noop", "--data", "/tmp/somewhere", "--samples", "7", "--dimension", "9", "--sparsity", "2",
            "--noise", "0.25", "--test-samples", "3", "--data-seed", "99", "--parameterization", "diff-of-powers",
            "--depth", "3", "--init-scale", "0.5", "--regularizer", "compatible", "--weight-decay", "0.1",
            "--schedule", "warmup:10+cosine", "--optimizer", "momentum", "--learning-rate", "0.01", "--momentum", "0.5",
            "--batch-size", "4", "--steps", "12", "--threshold", "0.1", "--threshold", "0.01", "--curve-points", "5",
            "--rank", "4", "--measurements", "30", "--model", "deep", "--json",
        ])
        #expect(output.succeeded, "\(output.stderr)")
        let config = try #require(try Self.object(output)["config"] as? [String: Any])
        #expect(config["data"] as? String == "/tmp/somewhere")
        #expect(config["samples"] as? Int == 7)
        #expect(config["dimension"] as? Int == 9)
        #expect(config["sparsity"] as? Int == 2)
        #expect(config["noise"] as? Double == 0.25)
        #expect(config["test_samples"] as? Int == 3)
        #expect(config["data_seed"] as? Int == 99)
        #expect(config["parameterization"] as? String == "diff-of-powers")
        #expect(config["depth"] as? Int == 3)
        #expect(config["init_scale"] as? Double == 0.5)
        #expect(config["regularizer"] as? String == "compatible")
        #expect(config["weight_decay"] as? Double == 0.1)
        #expect(config["schedule"] as? String == "warmup:10+cosine")
        #expect(config["optimizer"] as? String == "momentum")
        #expect(config["learning_rate"] as? Double == 0.01)
        #expect(config["momentum"] as? Double == 0.5)
        #expect(config["batch_size"] as? Int == 4)
        #expect(config["steps"] as? Int == 12)
        #expect(config["thresholds"] as? [Double] == [0.1, 0.01])
        #expect(config["curve_points"] as? Int == 5)
        #expect(config["rank"] as? Int == 4)
        #expect(config["measurements"] as? Int == 30)
        #expect(config["model"] as? String == "deep")
    }

    @Test func matrixSensingReportsXRowMajorAndSpectralMetrics() throws {
        let output = try MirrorSweepBinary.run([
            "train", "--problem", "matrix-sensing", "--model", "uv", "--init-scale", "0.1", "--learning-rate", "0.1",
            "--steps", "200", "--json",
        ])
        #expect(output.succeeded, "\(output.stderr)")
        let json = try Self.object(output)
        #expect(json["status"] as? String == "completed")
        #expect((json["x"] as? [Double])?.count == 100)
        let config = try #require(json["config"] as? [String: Any])
        #expect(config["dimension"] as? Int == 10)
        let metrics = try #require(json["metrics"] as? [String: Double])
        for key in ["train_loss", "relative_error", "nuclear_norm", "effective_rank", "sigma_1", "sigma_10", "balance_error"] {
            #expect(metrics[key] != nil, "missing \(key)")
        }
    }

    @Test func yamlConfigWithAnUnknownKeyNamesKeyFileAndLine() throws {
        let path = try Self.file("trial.yaml", "problem: noop\nsteps: 10\nlearning_rat: 0.1\n")
        let output = try MirrorSweepBinary.run(["train", "--config", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(path):3"))
        #expect(output.stderr.contains("unknown key 'learning_rat'"))
        #expect(output.stderr.contains("learning_rate, momentum"))
    }

    @Test func yamlConfigWithABadValueNamesFieldFileAndLine() throws {
        let schedule = try Self.file("schedule.yaml", "problem: noop\n\nschedule: off-at\n")
        let badSchedule = try MirrorSweepBinary.run(["train", "--config", schedule])
        #expect(badSchedule.status == 2)
        #expect(badSchedule.stderr.contains("\(schedule):3"))
        #expect(badSchedule.stderr.contains("field 'schedule'") && badSchedule.stderr.contains("off-at:T"))

        let steps = try Self.file("steps.yaml", "problem: noop\nsteps: many\n")
        let badSteps = try MirrorSweepBinary.run(["train", "--config", steps])
        #expect(badSteps.status == 2)
        #expect(badSteps.stderr.contains("\(steps):2") && badSteps.stderr.contains("'steps'") && badSteps.stderr.contains("an integer"))

        let depth = try Self.file("depth.yaml", "problem: noop\nparameterization: hadamard\ndepth: 1\n")
        let badDepth = try MirrorSweepBinary.run(["train", "--config", depth])
        #expect(badDepth.status == 2)
        #expect(badDepth.stderr.contains("\(depth):3") && badDepth.stderr.contains("field 'depth'"))
    }

    @Test func jsonConfigWorksAndFlagsOverrideIt() throws {
        let path = try Self.file("trial.json", #"{"problem": "noop", "steps": 123, "weight_decay": 0.5, "schedule": "off-at:50", "thresholds": [0.5]}"#)
        let plain = try MirrorSweepBinary.run(["train", "--config", path, "--json"])
        #expect(plain.succeeded, "\(plain.stderr)")
        let config = try #require(try Self.object(plain)["config"] as? [String: Any])
        #expect(config["steps"] as? Int == 123)
        #expect(config["weight_decay"] as? Double == 0.5)
        #expect(config["schedule"] as? String == "off-at:50")
        #expect(config["thresholds"] as? [Double] == [0.5])

        let overridden = try MirrorSweepBinary.run(["train", "--config", path, "--steps", "7", "--schedule", "linear", "--json"])
        #expect(overridden.succeeded, "\(overridden.stderr)")
        let merged = try #require(try Self.object(overridden)["config"] as? [String: Any])
        #expect(merged["steps"] as? Int == 7)
        #expect(merged["schedule"] as? String == "linear")
        #expect(merged["weight_decay"] as? Double == 0.5)
    }

    @Test func optionalFieldsFromTheFileSurviveAbsentFlags() throws {
        let path = try Self.file("optional.yaml", "problem: noop\ndata: /data/here\ndata_seed: 5\nbatch_size: 3\n")
        let output = try MirrorSweepBinary.run(["train", "--config", path, "--json"])
        #expect(output.succeeded, "\(output.stderr)")
        let config = try #require(try Self.object(output)["config"] as? [String: Any])
        #expect(config["data"] as? String == "/data/here")
        #expect(config["data_seed"] as? Int == 5)
        #expect(config["batch_size"] as? Int == 3)
    }

    @Test func startedProcessesCanBeWatchedAndAwaited() throws {
        let process = try MirrorSweepBinary.start(["train", "--problem", "noop", "--json"])
        #expect(process.waitForOutput(containing: "\"status\"", timeout: .seconds(60)))
        let output = try process.wait(timeout: .seconds(60))
        #expect(output.succeeded)
        #expect(output.stderr.contains("training"))
    }

    @Test func jsonConfigWithAnUnknownKeyNamesKeyAndFile() throws {
        let path = try Self.file("bad.json", #"{"problem": "noop", "seed": 4}"#)
        let output = try MirrorSweepBinary.run(["train", "--config", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains(path) && output.stderr.contains("unknown key 'seed'"))

        let schedule = try Self.file("schedule.json", #"{"problem": "noop", "schedule": "step:100"}"#)
        let badSchedule = try MirrorSweepBinary.run(["train", "--config", schedule])
        #expect(badSchedule.status == 2)
        #expect(badSchedule.stderr.contains(schedule) && badSchedule.stderr.contains("field 'schedule'"))
        #expect(badSchedule.stderr.contains("step needs milestones and a factor"))
    }

    @Test func yamlConfigFlagOverrideOfAnInvalidFileValueWins() throws {
        let path = try Self.file("depth.yaml", "problem: noop\nparameterization: hadamard\ndepth: 1\n")
        let output = try MirrorSweepBinary.run(["train", "--config", path, "--depth", "3", "--json"])
        #expect(output.succeeded, "\(output.stderr)")
        let config = try #require(try Self.object(output)["config"] as? [String: Any])
        #expect(config["depth"] as? Int == 3)
        #expect(config["parameterization"] as? String == "hadamard")
    }

    @Test func missingConfigFileIsAUsageError() throws {
        let output = try MirrorSweepBinary.run(["train", "--config", "/nonexistent/trial.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/nonexistent/trial.yaml"))
    }

    @Test func setAssignsAnyFieldByItsName() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--set", "steps=7", "--set", "widths=32,16", "--set", "data_seed=null", "--json"])
        #expect(output.succeeded, "\(output.stderr)")
        let config = try #require(try Self.object(output)["config"] as? [String: Any])
        #expect(config["steps"] as? Int == 7)
        #expect(config["widths"] as? [Int] == [32, 16])
        let bad = try MirrorSweepBinary.run(["train", "--set", "stepz=7"])
        #expect(bad.status == 2 && bad.stderr.contains("stepz") && bad.stderr.contains("learning_rate"))
    }

    @Test func unknownFieldFlagIsAUsageError() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--stepz", "3"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--stepz"))
        #expect(output.stdout.isEmpty)
    }

    @Test func helpListsEveryFieldFlag() throws {
        let output = try MirrorSweepBinary.run(["train", "--help"])
        #expect(output.succeeded)
        for flag in ["--problem", "--data-seed", "--learning-rate", "--threshold", "--prune-sparsity", "--l1-penalty", "--set"] {
            #expect(output.stdout.contains(flag), "missing \(flag)")
        }
    }

    @Test func saveDataNeedsAProblemWithData() throws {
        let output = try MirrorSweepBinary.run(["train", "--problem", "noop", "--save-data", "/tmp/unused"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--save-data") && output.stderr.contains("sparse-regression"))
    }
}
