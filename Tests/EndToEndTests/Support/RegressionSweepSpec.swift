/// The end-to-end tests' workload: sparse regression with n = 40, d = 100, k = 5 and η = 0.02
/// over a grid of weight decays (and schedules) × seeds; 15,000 steps take about 0.25 s in a
/// debug build.
func regressionSweepSpec(name: String, steps: Int, weightDecays: [String], schedules: [String] = [], seeds: Int) -> String {
    var yaml = """
        name: \(name)
        base:
          problem: sparse-regression
          samples: 40
          dimension: 100
          sparsity: 5
          learning_rate: 0.02
          steps: \(steps)
        grid:
          weight_decay: [\(weightDecays.joined(separator: ", "))]

        """
    if !schedules.isEmpty {
        yaml += "  schedule: [\(schedules.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
    }
    return yaml + "seeds: \(seeds)\n"
}
