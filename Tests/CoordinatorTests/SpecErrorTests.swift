@testable import SweepSpecs
import Testing

@Suite("Sweep spec errors name file, line, field and what is allowed")
struct SpecErrorTests {
    /// Parses and expands `yaml`, returning the error's message.
    private func message(_ yaml: String) -> String? {
        do {
            _ = try SweepSpec.parse(yaml: yaml, file: "bad.yaml").expand()
            return nil
        } catch {
            return error.description
        }
    }

    @Test("each error case", arguments: [
        ("grid: [1, 2\nseeds: 3\n", ["bad.yaml:2:", "YAML syntax error"]),
        ("name: x\ngrids: {depth: [2]}\n", ["bad.yaml:2:1", "unknown key 'grids'", "allowed: name, description, command, working_directory, timeout, base, grid, zip, seeds"]),
        ("base:\n  dept: 3\n", ["bad.yaml:2:3", "base: unknown key 'dept'", "weight_decay"]),
        ("grid:\n  weight_decay: [0, 0.1, abc]\n", ["bad.yaml:2:26", "grid.weight_decay[2]", "expected a number, found 'abc'"]),
        ("base:\n  weight_decay: \"0.1\"\n", ["bad.yaml:2:17", "base.weight_decay", "found the string \"0.1\""]),
        ("grid:\n  weight_decay: [0, -0.5]\n", ["bad.yaml:2:21", "grid.weight_decay[1]", "'-0.5'", "finite number ≥ 0"]),
        ("base:\n  depth: 0\n  parameterization: hadamard\n", ["bad.yaml:2:10", "base.depth", "≥ 2 for hadamard"]),
        ("base:\n  depth: 3\ngrid:\n  parameterization: [hadamard, mask-weight]\n",
         ["bad.yaml:2:10", "base.depth", "2 for mask-weight", "parameterization=mask-weight"]),
        ("grid:\n  depth: []\n", ["bad.yaml:2:10", "grid.depth", "non-empty list"]),
        ("grid:\n  depth: [2]\n  depth: [3]\n", ["bad.yaml:", "duplicate key 'depth'"]),
        ("grid:\n  depth: [2]\nzip:\n  - {depth: [2], steps: [1]}\n", ["bad.yaml:4:6", "'depth' is already an axis at grid.depth"]),
        ("zip:\n  - {depth: [2, 3], learning_rate: [0.1]}\n", ["bad.yaml:2:5", "zip[0]", "equal lengths", "depth has 2", "learning_rate has 1"]),
        ("grid:\n  schedule: [constant, off-at]\n", ["bad.yaml:2:24", "grid.schedule[1]", "off-at needs the switch-off step"]),
        ("base:\n  schedule: sometimes\n", ["bad.yaml:2:13", "base.schedule", "unknown schedule 'sometimes'", "off-at:T"]),
        ("seeds: 0\n", ["bad.yaml:1:8", "seeds", "count N ≥ 1"]),
        ("seeds: []\n", ["bad.yaml:1:8", "seeds", "non-empty list"]),
        ("seeds: [1, 2, 1]\n", ["bad.yaml:1:15", "seeds[2]", "already seeds[0]"]),
        ("seeds: [1, -1]\n", ["bad.yaml:1:12", "seeds[1]", "an integer 0 … 18446744073709551615"]),
        ("seeds: [18446744073709551616]\n", ["bad.yaml:1:9", "seeds[0]", "an integer 0 … 18446744073709551615"]),
        ("base:\n  parameterization: quadratic\n", ["bad.yaml:2:21", "base.parameterization", "direct, mask-weight, hadamard, diff-of-powers"]),
        ("grid:\n  weight_decay: [0.1, 0.10]\n", ["bad.yaml", "weight_decay=0.1", "same configuration"]),
        ("base:\n  problem: matrix-sensing\n  rank: 11\n", ["bad.yaml:3:9", "base.rank", "1 to dimension (10)"]),
        ("grid:\n  model: [uu, vv]\n", ["bad.yaml:2:15", "grid.model[1]", "direct, uu, uv, deep"]),
        ("grid:\n  x_init: [zero, gaussian:-1]\n", ["bad.yaml:2:18", "grid.x_init[1]", "SIGMA must be ≥ 0", "gaussian:SIGMA"]),
        ("base:\n  x_init: gaussian:0.5\n  parameterization: hadamard\n  depth: 3\n", ["bad.yaml:2:11", "base.x_init", "depth ≤ 2"]),
    ])
    func errorCase(yaml: String, expected: [String]) throws {
        let text = try #require(message(yaml))
        for part in expected {
            #expect(text.contains(part), "\(text) lacks \(part)")
        }
    }

    @Test("a missing file names its path")
    func missingFile() {
        #expect(throws: SpecError.self) { try SweepSpec.load(path: "/nonexistent/spec.yaml") }
        do {
            _ = try SweepSpec.load(path: "/nonexistent/spec.yaml")
        } catch {
            #expect(error.description.contains("/nonexistent/spec.yaml"))
        }
    }
}
