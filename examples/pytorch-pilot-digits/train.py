#!/usr/bin/env python3
"""PILoT on the 8x8 digits in PyTorch, as a MirrorSweep command trial (docs/COMMANDS.md).

A ReLU MLP 64 -> widths -> 10 whose every weight matrix is reparameterized x = m * w (mask times
weight, both trained), PILoT-initialized from He-normal x_init with beta = init_scale:
m0 = sqrt((beta + sqrt(beta^2 + 4 x_init^2)) / 2), w0 = x_init / m0 (docs/RESEARCH.md); biases
are plain and start at 0. Heavy-ball SGD on the softmax cross-entropy plus the L2 weight decay
(weight_decay / 2)(||m||^2 + ||w||^2), switched off (set to 0) from epoch `switch_off_epoch` on.

Data: data/digits/digits.csv (64 pixel counts 0-16 and a label per line), features divided by
16, split like the core's `digits` problem (a Fisher-Yates shuffle from xoshiro256** seeded with
20250101; the first 1437 rows of the permutation train, the other 360 test; data/digits/README.md).
The directory: the field `data`, else $MIRRORSWEEP_DATA/digits, else data/digits of this repository.

Fields (all optional): widths [64], epochs 30, batch_size 64, learning_rate 0.05, momentum 0.9,
init_scale 1, weight_decay 0.005, switch_off_epoch null (never), thresholds [0.001] (|x| <= t
counts as zero), prune_sparsities [0.5, 0.8, 0.9, 0.95], data null.

Reports every epoch as a `mirrorsweep-progress` line and curve point (accuracy, train_loss,
train_accuracy, sparsity, l1, weight_decay), and writes the final metrics: accuracy, test_loss,
train_accuracy, train_loss, l1, nonzeros, sparsity, accuracy@s for every prune sparsity s
(global magnitude pruning of the effective weights x, biases kept), epochs. Runs on the GPU that
CUDA_VISIBLE_DEVICES names when there is one (`mirrorsweep work --gpus ...`), else on the CPU.
"""
import json
import math
import os
import sys

try:
    import torch
except ImportError:
    print("torch is not installed (pip install torch); this example needs PyTorch", file=sys.stderr)
    sys.exit(2)

DEFAULTS = {
    "widths": [64],
    "epochs": 30,
    "batch_size": 64,
    "learning_rate": 0.05,
    "momentum": 0.9,
    "init_scale": 1.0,
    "weight_decay": 0.005,
    "switch_off_epoch": None,
    "thresholds": [1e-3],
    "prune_sparsities": [0.5, 0.8, 0.9, 0.95],
    "data": None,
}
DIGITS_SAMPLES, DIGITS_TRAIN, DIGITS_SPLIT_SEED = 1797, 1437, 20250101
MASK64 = (1 << 64) - 1


class ConfigError(Exception):
    """A field with a value this script cannot use."""


def split_order():
    """The core's fixed permutation of the digits rows: Fisher-Yates from xoshiro256**(20250101)."""
    state, words = DIGITS_SPLIT_SEED, []
    for _ in range(4):
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        words.append(z ^ (z >> 31))
    s = words

    def next64():
        r = (s[1] * 5) & MASK64
        r = ((((r << 7) | (r >> 57)) & MASK64) * 9) & MASK64
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = ((s[3] << 45) | (s[3] >> 19)) & MASK64
        return r

    def below(bound):
        limit = MASK64 - (MASK64 % bound)
        while True:
            r = next64()
            if r < limit:
                return r % bound

    order = list(range(DIGITS_SAMPLES))
    for i in range(DIGITS_SAMPLES - 1, 0, -1):
        j = below(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def digits_directory(configured):
    if configured is not None:
        return configured
    if os.environ.get("MIRRORSWEEP_DATA"):
        return os.path.join(os.environ["MIRRORSWEEP_DATA"], "digits")
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "digits")


def load_digits(directory):
    """(train inputs, train labels, test inputs, test labels) as tensors, in the core's split."""
    path = os.path.join(directory, "digits.csv")
    if not os.path.isfile(path):
        raise ConfigError(f"field data: {path} does not exist; allowed: a directory holding digits.csv (data/digits)")
    rows = []
    with open(path) as f:
        for number, line in enumerate(f, start=1):
            values = line.strip().split(",")
            if len(values) != 65:
                raise ConfigError(f"{path}, line {number}: {len(values)} values; expected 64 features and a label")
            rows.append([int(v) for v in values])
    if len(rows) != DIGITS_SAMPLES:
        raise ConfigError(f"{path}: {len(rows)} lines; expected {DIGITS_SAMPLES}")
    data = torch.tensor(rows, dtype=torch.float64)
    order = torch.tensor(split_order())
    inputs, labels = data[order, :64] / 16, data[order, 64].long()
    return inputs[:DIGITS_TRAIN], labels[:DIGITS_TRAIN], inputs[DIGITS_TRAIN:], labels[DIGITS_TRAIN:]


class MaskWeightMLP(torch.nn.Module):
    """ReLU MLP whose weight matrices are x = m * w; biases are plain."""

    def __init__(self, sizes, beta, generator):
        super().__init__()
        self.masks, self.weights = torch.nn.ParameterList(), torch.nn.ParameterList()
        self.biases = torch.nn.ParameterList()
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            x = torch.randn(fan_out, fan_in, generator=generator, dtype=torch.float64) * math.sqrt(2 / fan_in)
            m = torch.sqrt((beta + torch.sqrt(beta * beta + 4 * x * x)) / 2)
            w = torch.where(m == 0, torch.zeros_like(x), x / torch.where(m == 0, torch.ones_like(m), m))
            self.masks.append(torch.nn.Parameter(m))
            self.weights.append(torch.nn.Parameter(w))
            self.biases.append(torch.nn.Parameter(torch.zeros(fan_out, dtype=torch.float64)))

    def effective(self):
        return [m * w for m, w in zip(self.masks, self.weights)]

    def forward(self, inputs, effective=None):
        a = inputs
        layers = effective if effective is not None else self.effective()
        for i, (x, b) in enumerate(zip(layers, self.biases)):
            a = a @ x.T + b
            if i < len(layers) - 1:
                a = torch.relu(a)
        return a


def evaluate(model, inputs, labels, effective=None):
    with torch.no_grad():
        logits = model(inputs, effective)
        loss = torch.nn.functional.cross_entropy(logits, labels).item()
        accuracy = (logits.argmax(dim=1) == labels).double().mean().item()
    return loss, accuracy


def pruned_accuracies(model, inputs, labels, sparsities):
    """Test accuracy after removing the round(s * N) effective weights of smallest |x|, over all layers."""
    with torch.no_grad():
        layers = model.effective()
        flat = torch.cat([x.flatten() for x in layers])
        order = torch.argsort(flat.abs(), stable=True)
        result = {}
        for s in sparsities:
            pruned = flat.clone()
            pruned[order[: round(s * flat.numel())]] = 0
            chunks, offset = [], 0
            for x in layers:
                chunks.append(pruned[offset: offset + x.numel()].view_as(x))
                offset += x.numel()
            result[f"accuracy@{s!r}"] = evaluate(model, inputs, labels, chunks)[1]
    return result


def weight_statistics(model, threshold):
    with torch.no_grad():
        flat = torch.cat([x.flatten() for x in model.effective()])
        zeros = int((flat.abs() <= threshold).sum().item())
    return {"l1": flat.abs().sum().item(), "sparsity": zeros / flat.numel(), "nonzeros": float(flat.numel() - zeros)}


def read_config():
    with open(os.environ["MIRRORSWEEP_CONFIG"]) as f:
        given = json.load(f)
    config = dict(DEFAULTS)
    config.update(given)
    for field in ("epochs", "batch_size"):
        if not isinstance(config[field], int) or isinstance(config[field], bool) or config[field] < 1:
            raise ConfigError(f"field {field}: {config[field]!r} is not allowed; allowed: an integer >= 1")
    if not isinstance(config["widths"], list) or not all(isinstance(v, int) and v >= 1 for v in config["widths"]):
        raise ConfigError(f"field widths: {config['widths']!r} is not allowed; allowed: a list of integers >= 1")
    for field in ("init_scale", "weight_decay"):
        if not isinstance(config[field], (int, float)) or config[field] < 0:
            raise ConfigError(f"field {field}: {config[field]!r} is not allowed; allowed: a number >= 0")
    if not isinstance(config["learning_rate"], (int, float)) or config["learning_rate"] <= 0:
        raise ConfigError(f"field learning_rate: {config['learning_rate']!r} is not allowed; allowed: a number > 0")
    if not isinstance(config["momentum"], (int, float)) or not 0 <= config["momentum"] < 1:
        raise ConfigError(f"field momentum: {config['momentum']!r} is not allowed; allowed: a number in [0, 1)")
    off = config["switch_off_epoch"]
    if off is not None and (not isinstance(off, int) or isinstance(off, bool) or off < 0):
        raise ConfigError(f"field switch_off_epoch: {off!r} is not allowed; allowed: null or an integer >= 0")
    if isinstance(config["thresholds"], (int, float)):
        config["thresholds"] = [config["thresholds"]]
    if isinstance(config["prune_sparsities"], (int, float)):
        config["prune_sparsities"] = [config["prune_sparsities"]]
    return config


def train(config):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_x, train_y, test_x, test_y = (t.to(device) for t in load_digits(digits_directory(config["data"])))
    generator = torch.Generator().manual_seed(int(config["seed"]))
    model = MaskWeightMLP([64] + config["widths"] + [10], float(config["init_scale"]), generator).to(device)
    decay_group = {"params": list(model.masks) + list(model.weights), "weight_decay": float(config["weight_decay"])}
    optimizer = torch.optim.SGD([decay_group, {"params": list(model.biases), "weight_decay": 0.0}],
                                lr=float(config["learning_rate"]), momentum=float(config["momentum"]))
    threshold = float(config["thresholds"][0])
    epochs, batch, off = config["epochs"], config["batch_size"], config["switch_off_epoch"]
    n = train_x.shape[0]
    curves = []
    for epoch in range(1, epochs + 1):
        weight_decay = 0.0 if off is not None and epoch > off else float(config["weight_decay"])
        optimizer.param_groups[0]["weight_decay"] = weight_decay
        permutation = torch.randperm(n, generator=generator).to(device)
        for start in range(0, n, batch):
            rows = permutation[start: start + batch]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(train_x[rows]), train_y[rows])
            if not math.isfinite(loss.item()):
                raise FloatingPointError(f"the training loss is {loss.item()} in epoch {epoch}: lower learning_rate")
            loss.backward()
            optimizer.step()
        train_loss, train_accuracy = evaluate(model, train_x, train_y)
        _, accuracy = evaluate(model, test_x, test_y)
        stats = weight_statistics(model, threshold)
        point = {"accuracy": accuracy, "train_loss": train_loss, "train_accuracy": train_accuracy,
                 "sparsity": stats["sparsity"], "l1": stats["l1"], "weight_decay": weight_decay}
        curves.append({"step": epoch, "metrics": point})
        print("mirrorsweep-progress " + json.dumps({"step": epoch, "total_steps": epochs, **point}), flush=True)
    train_loss, train_accuracy = evaluate(model, train_x, train_y)
    test_loss, accuracy = evaluate(model, test_x, test_y)
    metrics = {"accuracy": accuracy, "test_loss": test_loss, "train_accuracy": train_accuracy,
               "train_loss": train_loss, "epochs": float(epochs), **weight_statistics(model, threshold)}
    metrics.update(pruned_accuracies(model, test_x, test_y, config["prune_sparsities"]))
    return {"metrics": metrics, "curves": curves}


def main():
    try:
        config = read_config()
        result = train(config)
    except (ConfigError, FloatingPointError) as error:
        print(f"{os.environ['MIRRORSWEEP_CONFIG']}: {error}", file=sys.stderr)
        return 2
    with open(os.environ["MIRRORSWEEP_RESULT"], "w") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
