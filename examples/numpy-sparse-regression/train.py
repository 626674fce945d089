#!/usr/bin/env python3
"""Sparse regression with the mask-weight parameterization x = m * w, in NumPy, as a MirrorSweep
command trial (docs/COMMANDS.md). The same model, fields and metrics as the core's
`sparse-regression` problem with `parameterization: mask-weight` (docs/RESEARCH.md), so one spec
can be run both ways and the tables compared.

Data: Z (n x d, rows N(0, I)), x* with k nonzero N(0, 1) entries, y = Z x* + sigma * eps, and
`test_samples` held-out rows, drawn in the core's order from the core's generator (xoshiro256**
seeded through SplitMix64, Box-Muller normals; see Sources/Core/RegressionData+Generate.swift),
reimplemented below in pure Python. Python's math.log and math.cos may differ from the core's own
in the last bit, so the data agrees with the core's to about 1e-16 relative, not bit for bit, and
long runs drift apart in the last digits.

Training: full-batch gradient descent from the PILoT initialization m0 = sqrt(beta), w0 = 0
(beta = init_scale), on f(x) = 1/(2n) ||Z x - y||^2 plus the L2 weight decay (lambda_t / 2)
(||m||^2 + ||w||^2), lambda_t = weight_decay * schedule.factor(t), with the core's schedule strings
(constant, off-at:T, linear[:T], cosine[:T], step:M1,M2,...:GAMMA, geometric:GAMMA[:EVERY],
harmonic[:EVERY], quadratic[:EVERY], warmup:W+SCHEDULE; pilot:DELTA:BUDGET is 1 for regression,
as in the core).

Metrics (the core's names): train_loss, test_mse, recovery_error = ||x - x*||,
generalization_error = ||x - x*||^2, l1, l2, nonzeros and sparsity (|x_i| > thresholds[0]),
nonzeros@t and sparsity@t for every threshold (the core writes t as Swift prints a Double, e.g.
0.001 or 1e-05; this script uses Python's repr, the same for those), a_min, a_median, a_max
(m^2 - w^2), lambda_integral, final_weight_decay, steps. Curves at the core's log-spaced steps
(`curve_points`), also printed as mirrorsweep-progress lines.
"""
import json
import math
import os
import sys

try:
    import numpy as np
except ImportError:
    print("numpy is not installed: pip install numpy", file=sys.stderr)
    sys.exit(2)

# The core's defaults (docs/SPEC.md), for every field this script reads.
DEFAULTS = {
    "problem": "sparse-regression",
    "samples": 40,
    "dimension": 100,
    "sparsity": 5,
    "noise": 0.0,
    "test_samples": 1000,
    "data_seed": None,
    "parameterization": "mask-weight",
    "init_scale": 1.0,
    "regularizer": "l2",
    "weight_decay": 0.0,
    "schedule": "constant",
    "optimizer": "gd",
    "learning_rate": 0.02,
    "steps": 10000,
    "thresholds": [1e-3],
    "curve_points": 40,
}

SCHEDULE_FORMS = ("constant, off-at:T, linear[:T], cosine[:T], step:M1,M2,...:GAMMA, geometric:GAMMA[:EVERY], "
                  "harmonic[:EVERY], quadratic[:EVERY], warmup:W+SCHEDULE, pilot:DELTA:BUDGET")

MASK64 = (1 << 64) - 1


class ConfigError(Exception):
    """A field with a value this script cannot train."""


class Xoshiro256StarStar:
    """The core's generator (Sources/Core/Xoshiro256StarStar.swift)."""

    def __init__(self, seed):
        state = seed & MASK64
        words = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK64
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            words.append(z ^ (z >> 31))
        self.s0, self.s1, self.s2, self.s3 = words

    def next(self):
        s0, s1, s2, s3 = self.s0, self.s1, self.s2, self.s3
        r = (s1 * 5) & MASK64
        r = (((r << 7) | (r >> 57)) & MASK64) * 9 & MASK64
        t = (s1 << 17) & MASK64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 45) | (s3 >> 19)) & MASK64
        self.s0, self.s1, self.s2, self.s3 = s0, s1, s2, s3
        return r

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        u1 = 1.0 - self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def normals(self, count):
        return np.array([self.normal() for _ in range(count)])

    def below(self, bound):
        limit = MASK64 - (MASK64 % bound)
        while True:
            r = self.next()
            if r < limit:
                return r % bound


def generate(n, d, k, sigma, m, seed):
    """Z, y, x*, Z_test, y_test in the draw order of the core's RegressionData.generate."""
    rng = Xoshiro256StarStar(seed)
    design = rng.normals(n * d).reshape(n, d)
    order = list(range(d))
    for i in range(k):
        j = i + rng.below(d - i)
        order[i], order[j] = order[j], order[i]
    truth = np.zeros(d)
    for i in range(k):
        truth[order[i]] = rng.normal()
    labels = design @ truth + sigma * rng.normals(n)
    test_design = rng.normals(m * d).reshape(m, d)
    test_labels = test_design @ truth + sigma * rng.normals(m)
    return design, labels, truth, test_design, test_labels


def parse_schedule(text):
    """The core's schedule string as a function (t, total_steps) -> factor; ConfigError if invalid."""
    def bad(why):
        return ConfigError(f"field schedule: '{text}' is not allowed: {why}; forms: {SCHEDULE_FORMS}")

    def integer(s, what, low):
        try:
            v = int(s)
        except ValueError:
            raise bad(f"{name} needs {what} as an integer >= {low}")
        if v < low:
            raise bad(f"{name} needs {what} as an integer >= {low}")
        return v

    def positive(s, what):
        try:
            v = float(s)
        except ValueError:
            raise bad(f"{name} needs {what} as a number > 0")
        if not (v > 0 and math.isfinite(v)):
            raise bad(f"{name} needs {what} as a number > 0")
        return v

    s = text.strip()
    if s.startswith("warmup:"):
        rest = s[len("warmup:"):]
        head, plus, inner = rest.partition("+")
        if not plus or not head.isdigit() or int(head) < 1:
            raise bad("warmup needs a step count >= 1 and a schedule: warmup:W+SCHEDULE")
        w, then = int(head), parse_schedule(inner)
        return lambda t, total: (t + 1) / w if t < w else then(t - w, max(total - w, 1))
    name, *args = s.split(":")
    if name == "constant" and not args:
        return lambda t, total: 1.0
    if name == "off-at" and len(args) == 1:
        T = integer(args[0], "the switch-off step T", 0)
        return lambda t, total: 1.0 if t < T else 0.0
    if name in ("linear", "cosine") and len(args) <= 1:
        end = integer(args[0], "the end step T", 1) if args else None
        if name == "linear":
            return lambda t, total: max(0.0, 1 - t / max(end or total, 1))
        return lambda t, total: 0.5 * (1 + math.cos(math.pi * min(t, max(end or total, 1)) / max(end or total, 1)))
    if name == "step" and len(args) == 2:
        milestones = sorted(integer(m, "milestones", 0) for m in args[0].split(",") if m)
        if not milestones:
            raise bad("step needs at least one milestone: step:M1,M2,...:GAMMA")
        gamma = positive(args[1], "the factor GAMMA")
        return lambda t, total: gamma ** sum(1 for m in milestones if t >= m)
    if name == "geometric" and len(args) in (1, 2):
        gamma = positive(args[0], "the factor GAMMA")
        every = integer(args[1], "EVERY", 1) if len(args) == 2 else 1
        return lambda t, total: gamma ** (t // every)
    if name in ("harmonic", "quadratic") and len(args) <= 1:
        every = integer(args[0], "EVERY", 1) if args else 1
        power = 1 if name == "harmonic" else 2
        return lambda t, total: 1 / (t // every + 1) ** power
    if name == "pilot" and len(args) == 2:
        if positive(args[0], "the factor DELTA") <= 1:
            raise bad("pilot needs the factor DELTA as a number > 1")
        positive(args[1], "the L1 budget BUDGET")
        return lambda t, total: 1.0
    known = ("constant", "off-at", "linear", "cosine", "step", "geometric", "harmonic", "quadratic", "warmup", "pilot")
    if name in known:
        raise bad(f"wrong number of parameters for {name}")
    raise bad(f"unknown schedule '{name}'")


def curve_steps(points, steps):
    """The core's log-spaced curve steps (Sources/Core/CurveSteps.swift)."""
    if points < 1:
        return []
    if points < 2 or steps < 1:
        return [steps]
    result = {0, steps}
    if points > 2:
        span = points - 2
        for i in range(points - 1):
            result.add(int(math.floor(math.exp(math.log(steps) * i / span) + 0.5)))
    return sorted(result)


def read_config():
    """The trial's fields merged over the core's defaults; ConfigError for what this script cannot train."""
    with open(os.environ["MIRRORSWEEP_CONFIG"]) as f:
        given = json.load(f)
    config = dict(DEFAULTS)
    config.update({k: v for k, v in given.items() if v is not None or k == "data_seed"})
    for field, allowed in (("problem", "sparse-regression"), ("parameterization", "mask-weight"),
                           ("regularizer", "l2"), ("optimizer", "gd")):
        if config[field] != allowed:
            raise ConfigError(f"field {field}: '{config[field]}' is not supported by this example; allowed: {allowed}")
    if given.get("data") is not None:
        raise ConfigError("field data: data files are not supported by this example; allowed: null (generated data)")
    if "depth" in given and given["depth"] != 2:
        raise ConfigError(f"field depth: {given['depth']} is not allowed; allowed: 2 (mask-weight)")
    for field, low in (("samples", 1), ("dimension", 1), ("sparsity", 0), ("test_samples", 0), ("steps", 0),
                       ("curve_points", 0)):
        if not isinstance(config[field], int) or isinstance(config[field], bool) or config[field] < low:
            raise ConfigError(f"field {field}: {config[field]!r} is not allowed; allowed: an integer >= {low}")
    if config["sparsity"] > config["dimension"]:
        raise ConfigError(f"field sparsity: {config['sparsity']} is not allowed; allowed: 0 ... dimension ({config['dimension']})")
    for field in ("noise", "init_scale", "weight_decay"):
        if not isinstance(config[field], (int, float)) or config[field] < 0 or not math.isfinite(config[field]):
            raise ConfigError(f"field {field}: {config[field]!r} is not allowed; allowed: a finite number >= 0")
    if not isinstance(config["learning_rate"], (int, float)) or not config["learning_rate"] > 0:
        raise ConfigError(f"field learning_rate: {config['learning_rate']!r} is not allowed; allowed: a finite number > 0")
    if isinstance(config["thresholds"], (int, float)):
        config["thresholds"] = [config["thresholds"]]
    if not config["thresholds"]:
        raise ConfigError("field thresholds: [] is not allowed; allowed: a non-empty list of finite numbers >= 0")
    config["schedule_factor"] = parse_schedule(str(config["schedule"]))
    return config


def metrics(Z, y, truth, Zt, yt, m, w, thresholds, lambda_integral, last_weight_decay, step):
    """The core's final metrics of SparseRegressionTrainer.metrics()."""
    x = m * w
    n, d = Z.shape
    result = {
        "train_loss": float(np.sum((Z @ x - y) ** 2) / (2 * n)),
        "l1": float(np.sum(np.abs(x))),
        "l2": float(np.sqrt(np.sum(x * x))),
        "recovery_error": float(np.sqrt(np.sum((x - truth) ** 2))),
        "generalization_error": float(np.sum((x - truth) ** 2)),
        "lambda_integral": lambda_integral,
        "final_weight_decay": last_weight_decay,
        "steps": float(step),
    }
    if len(yt) > 0:
        result["test_mse"] = float(np.mean((Zt @ x - yt) ** 2))
    for t in thresholds:
        nonzeros = int(np.sum(np.abs(x) > t))
        result[f"nonzeros@{t!r}"] = float(nonzeros)
        result[f"sparsity@{t!r}"] = (d - nonzeros) / d
    first = int(np.sum(np.abs(x) > thresholds[0]))
    result["nonzeros"] = float(first)
    result["sparsity"] = (d - first) / d
    balance = m * m - w * w
    result["a_min"] = float(balance.min())
    result["a_median"] = float(np.median(balance))
    result["a_max"] = float(balance.max())
    return result


def train(config):
    """Full-batch GD on x = m * w; returns the result object."""
    seed = config["data_seed"] if config["data_seed"] is not None else config["seed"]
    Z, y, truth, Zt, yt = generate(config["samples"], config["dimension"], config["sparsity"], config["noise"],
                                   config["test_samples"], seed)
    n, d = Z.shape
    eta, steps, lam, factor = config["learning_rate"], config["steps"], config["weight_decay"], config["schedule_factor"]
    threshold = config["thresholds"][0]
    m = np.full(d, math.sqrt(config["init_scale"]))   # PILoT with x_init = 0: m0 = sqrt(beta), w0 = 0
    w = np.zeros(d)
    lambda_integral, last_weight_decay = 0.0, lam * factor(0, steps)
    curves = []
    due = curve_steps(config["curve_points"], steps)
    due_index = 0
    for t in range(steps + 1):
        x = m * w
        residual = Z @ x - y
        loss = float(residual @ residual / (2 * n))
        if due_index < len(due) and due[due_index] == t:
            due_index += 1
            point = {
                "train_loss": loss,
                "recovery_error": float(np.sqrt(np.sum((x - truth) ** 2))),
                "l1": float(np.sum(np.abs(x))),
                "nonzeros": float(np.sum(np.abs(x) > threshold)),
                "lambda_integral": lambda_integral,
                "weight_decay": lam * factor(t, steps),
            }
            curves.append({"step": t, "metrics": point})
            print("mirrorsweep-progress " + json.dumps({"step": t, "total_steps": steps, **point}), flush=True)
        if not math.isfinite(loss):
            raise FloatingPointError(f"the training loss is {loss} at step {t}: lower learning_rate")
        if t == steps:
            break
        gradient = Z.T @ residual / n
        lam_t = lam * factor(t, steps)
        m, w = m - eta * (gradient * w + lam_t * m), w - eta * (gradient * m + lam_t * w)
        lambda_integral += eta * lam_t
        last_weight_decay = lam_t
    return {
        "metrics": metrics(Z, y, truth, Zt, yt, m, w, config["thresholds"], lambda_integral, last_weight_decay, steps),
        "curves": curves,
    }


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
