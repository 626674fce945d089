/// A sparse-regression sweep spec: `base` fields after `problem: sparse-regression`, then the
/// `grid` axes (none: no grid), then `seeds`; values are written as given, in YAML.
func sparseRegressionSpec(name: String, base: [(String, String)], grid: [(String, String)] = [], seeds: Int) -> String {
    var yaml = "name: \(name)\nbase:\n  problem: sparse-regression\n"
    yaml += base.map { "  \($0): \($1)\n" }.joined()
    if !grid.isEmpty {
        yaml += "grid:\n" + grid.map { "  \($0): \($1)\n" }.joined()
    }
    return yaml + "seeds: \(seeds)\n"
}

/// The end-to-end tests' workload: sparse regression with n = 40, d = 100, k = 5 and η = 0.02
/// over a grid of weight decays (and schedules) × seeds; 15,000 steps take about 0.25 s in a
/// debug build.
func regressionSweepSpec(name: String, steps: Int, weightDecays: [String], schedules: [String] = [], seeds: Int) -> String {
    var grid = [("weight_decay", "[\(weightDecays.joined(separator: ", "))]")]
    if !schedules.isEmpty {
        grid.append(("schedule", "[\(schedules.map { "\"\($0)\"" }.joined(separator: ", "))]"))
    }
    return sparseRegressionSpec(
        name: name,
        base: [("samples", "40"), ("dimension", "100"), ("sparsity", "5"), ("learning_rate", "0.02"), ("steps", "\(steps)")],
        grid: grid, seeds: seeds)
}
