#!/usr/bin/env python3
"""The smallest MirrorSweep command trial: standard library only.

Gradient descent on f(x) = 1/2 (x - target)^2 + (weight_decay / 2) x^2, whose minimum is
target / (1 + weight_decay). The target is 1 plus a seed-dependent perturbation, so seeds differ.

Takes the weight decay from its command line (`--weight-decay {weight_decay}` in the spec) and
every other field from the JSON file that MIRRORSWEEP_CONFIG names, prints
`mirrorsweep-progress {...}` lines, and writes {"metrics": ..., "curves": ...} to the file that
MIRRORSWEEP_RESULT names (docs/COMMANDS.md). Fields (all optional):

  weight_decay   lambda, default 0 (the command-line flag wins over the config file)
  learning_rate  eta, default 0.1
  steps          gradient steps, default 50
  sleep          seconds to sleep before training (timeout and kill tests), default 0
  fail           true: print a message on stderr and exit 3 without a result (failure tests)
  fail_attempts  N: fail as above while MIRRORSWEEP_ATTEMPT <= N (retry tests), default 0
  result_on_stdout  true: print the result as the last stdout line instead of writing the file
"""
import argparse
import json
import os
import random
import sys
import time


def main():
    parser = argparse.ArgumentParser(description="Gradient descent on a 1-D quadratic with weight decay.")
    parser.add_argument("--weight-decay", type=float, help="lambda (default: the config's weight_decay, else 0)")
    arguments = parser.parse_args()
    with open(os.environ["MIRRORSWEEP_CONFIG"]) as f:
        config = json.load(f)
    attempt = int(os.environ.get("MIRRORSWEEP_ATTEMPT", "1"))

    if config.get("fail", False):
        print("failing on purpose: the field fail is true", file=sys.stderr)
        return 3
    if attempt <= int(config.get("fail_attempts", 0)):
        print(f"failing on purpose: attempt {attempt} <= fail_attempts", file=sys.stderr)
        return 3
    time.sleep(float(config.get("sleep", 0)))

    if arguments.weight_decay is not None:
        weight_decay = arguments.weight_decay
    else:
        weight_decay = float(config.get("weight_decay", 0))
    learning_rate = float(config.get("learning_rate", 0.1))
    steps = int(config.get("steps", 50))
    target = 1 + 0.1 * random.Random(int(config["seed"])).gauss(0, 1)
    optimum = target / (1 + weight_decay)

    x = 0.0
    curves = []

    def loss(x):
        return 0.5 * (x - target) ** 2 + 0.5 * weight_decay * x * x

    report_every = max(1, steps // 5)
    for step in range(steps + 1):
        if step % report_every == 0 or step == steps:
            metrics = {"loss": loss(x), "distance": abs(x - optimum)}
            curves.append({"step": step, "metrics": metrics})
            print("mirrorsweep-progress " + json.dumps({"step": step, "total_steps": steps, **metrics}), flush=True)
        if step < steps:
            x -= learning_rate * ((x - target) + weight_decay * x)

    result = {
        "metrics": {"loss": loss(x), "distance": abs(x - optimum), "x": x, "shrinkage": 1 - x / target},
        "curves": curves,
    }
    if config.get("result_on_stdout", False):
        print(json.dumps(result))
    else:
        with open(os.environ["MIRRORSWEEP_RESULT"], "w") as f:
            json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
