import Core
import JSON
import SweepSpecs

/// The 64-digit id `start` padded with zeros.
func commandTrialID(_ start: String) -> String {
    start + String(repeating: "0", count: 64 - start.count)
}

/// Command trials over `lr` (numbers) × `optimizer` (names), two seeds each, in grid order;
/// their ids start with `abcd` (optimizer adam) or `ef01` (sgd), then the grid index in hex.
func makeCommandTrials() -> [TrialSpec] {
    var trials: [TrialSpec] = []
    for optimizer in ["adam", "sgd"] {
        for lr in ["0.1", "0.01"] {
            for seed in [UInt64(1), 2] {
                let command = CommandTrial(
                    command: ["python3", "train.py", "--lr", "{lr}", "--optimizer", "{optimizer}"],
                    fields: [
                        CommandField(name: "lr", value: .double(Double(lr) ?? 0)),
                        CommandField(name: "optimizer", value: .string(optimizer)),
                    ])
                let index = trials.count
                let id = commandTrialID((optimizer == "adam" ? "abcd" : "ef01") + String(format: "%02x", index))
                trials.append(TrialSpec(
                    id: id, index: index, work: .command(command), seed: seed,
                    axes: [AxisValue(name: "lr", value: lr), AxisValue(name: "optimizer", value: optimizer)]))
            }
        }
    }
    return trials
}

/// A command trial's result: the metrics its program reported and the end of its output.
func makeCommandResult(accuracy: Double, loss: Double, log: String? = "epoch 1\ndone\n") -> TrialResult {
    TrialResult(
        status: .completed, steps: 0, wallSeconds: 1, x: [], metrics: ["accuracy": accuracy, "val_loss": loss],
        curves: [], log: log)
}
