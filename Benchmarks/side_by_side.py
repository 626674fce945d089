#!/usr/bin/env python3
"""MirrorSweep beside NumPy and JAX on the same algorithms, and beside three other ways to run
trivial tasks, measured in one run. Prints two Markdown tables.

Core: every workload is timed in K rounds; in each round MirrorSweep (`mirrorsweep-bench measure`),
the NumPy reference and the JAX reference (Benchmarks/reference, long-lived processes) run one
after another, in an order that rotates from round to round, each for about --seconds of CPU. A
round gives one ratio per reference; the table shows each system's median rate and the median of
the per-round ratios. Rates are steps (or trial-steps, for batches) per second of process CPU
time, all single-threaded (OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1, XLA single-threaded).

Coordinator: the noop sweep (--spec, 2 workers, durable journal) through `mirrorsweep run`, GNU
parallel -j2, Dask LocalCluster (2 processes × 1 thread) and a minimal pyzmq ROUTER/DEALER loop
with a SQLite journal (Benchmarks/baselines), interleaved in rounds; trials per second of wall time.

On first use it creates Benchmarks/.venv and installs Benchmarks/reference/requirements.txt from
PyPI, then runs itself inside it.

Before timing, it checks that the NumPy reference and `mirrorsweep train` compute the same x.

Usage: Benchmarks/side_by_side.py --bin-dir DIR [--rounds K] [--seconds S] [--spec SPEC]
                                  [--coordinator-rounds R] [--baseline-trials N] [--only core|coordinator]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
REQUIREMENTS = os.path.join(HERE, "reference", "requirements.txt")
INSTALLED = os.path.join(VENV, "requirements.installed")

SINGLE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
    "JAX_PLATFORMS": "cpu",
}

# (workload, d, n, batch, target ratio of MirrorSweep to the faster reference)
WORKLOADS = [
    ("mask-weight", 100, 40, 1, 1.5),
    ("mask-weight", 1000, 400, 1, 1.2),
    ("mask-weight", 10000, 2000, 1, 1.5),
    ("matrix-sensing", 30, 600, 1, 1.5),
    ("mask-weight", 100, 40, 16, 2.0),
    ("mask-weight", 1000, 400, 16, 2.0),
    ("mask-weight", 10000, 2000, 16, 2.0),
]
SYSTEMS = ["mirrorsweep", "numpy", "jax"]


def ensure_venv():
    """Re-runs this script inside Benchmarks/.venv, creating and filling it first when needed."""
    python = os.path.join(VENV, "bin", "python3")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    with open(REQUIREMENTS) as f:
        wanted = f.read()
    installed = open(INSTALLED).read() if os.path.exists(INSTALLED) else None
    if installed != wanted:
        print(f"side_by_side: installing {REQUIREMENTS} into {VENV}", file=sys.stderr)
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "-r", REQUIREMENTS], check=True)
        with open(INSTALLED, "w") as f:
            f.write(wanted)
    os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])


def check_reference(bin_dir, env):
    """Trains the NumPy mask-weight reference and `mirrorsweep train` on the same data (written as
    .npy files) and stops with an error unless the final x agree to 1e-9 (relative)."""
    sys.path.insert(0, os.path.join(HERE, "reference"))
    import numpy as np
    import mask_weight

    z, y = mask_weight.problem(100, 40)
    m, w = mask_weight.initial_factors(100)
    steps = 2000
    m, w, _ = mask_weight.run_numpy(z, y, m, w, steps)
    directory = tempfile.mkdtemp()
    try:
        np.save(os.path.join(directory, "Z.npy"), z)
        np.save(os.path.join(directory, "y.npy"), y)
        run = subprocess.run(
            [os.path.join(bin_dir, "mirrorsweep"), "train", "--data", directory, "--parameterization", "mask-weight",
             "--init-scale", str(mask_weight.INIT_SCALE), "--weight-decay", str(mask_weight.WEIGHT_DECAY),
             "--learning-rate", str(mask_weight.LEARNING_RATE), "--steps", str(steps), "--test-samples", "0",
             "--curve-points", "0", "--json"], capture_output=True, text=True, env=env)
        if run.returncode != 0:
            sys.exit(f"side_by_side: mirrorsweep train failed: {run.stderr}")
        ours = np.array(json.loads(run.stdout)["x"], dtype=float)
    finally:
        shutil.rmtree(directory)
    error = np.abs(ours - m * w).max() / np.abs(m * w).max()
    if not error < 1e-9:
        sys.exit(f"side_by_side: the NumPy reference and MirrorSweep disagree (relative error {error:.3g})")
    print(f"side_by_side: NumPy reference and mirrorsweep train agree after {steps} steps "
          f"(max relative difference of x {error:.1e})", file=sys.stderr)


def label(workload, d, n, batch):
    if workload == "matrix-sensing":
        return f"matrix sensing UUᵀ, d = {d}, r = 3, m = {n}"
    text = f"mask-weight GD, (d, n) = ({d}, {n})"
    return text + f", batch of {batch}" if batch > 1 else text


class Reference:
    """A long-lived Benchmarks/reference/server.py process."""

    def __init__(self, system, env):
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "reference", "server.py"), system],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=os.path.join(HERE, "reference"))

    def rate(self, workload, d, n, batch, steps):
        """Steps per second, or None when the reference does not run this workload."""
        request = {"workload": workload, "dimension": d, "samples": n, "steps": steps, "batch": batch}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("a reference server exited")
        answer = json.loads(line)
        return answer.get("steps_per_second")

    def close(self):
        self.process.stdin.close()
        self.process.wait()


class MirrorSweep:
    """`mirrorsweep-bench measure`, one process per measurement."""

    def __init__(self, bin_dir, env):
        self.binary = os.path.join(bin_dir, "mirrorsweep-bench")
        self.env = env
        self.unsupported = {}

    def rate(self, workload, d, n, batch, steps):
        """Steps per second (trial-steps for a batch), or None when `measure` refuses the request.

        A batch is timed as the difference of S and 2S steps; when noise makes that difference
        vanish (`measure` says to raise --steps), S is quadrupled and the run repeated."""
        for _ in range(6):
            arguments = [self.binary, "measure", "--workload", workload, "--dimension", str(d), "--samples", str(n),
                         "--steps", str(steps), "--repetitions", "1", "--json"]
            if batch > 1:
                arguments += ["--batch", str(batch)]
            run = subprocess.run(arguments, capture_output=True, text=True, env=self.env)
            if run.returncode == 0 or "raise --steps" not in run.stderr:
                break
            steps *= 4
        if run.returncode != 0:
            self.unsupported[(workload, d, n, batch)] = run.stderr.strip()
            return None
        answer = json.loads(run.stdout)
        return answer["trial_steps_per_second"] if batch > 1 else answer["steps_per_second"]


def first_steps(workload, d, n, batch):
    """A short first run: about 2·10⁶ multiply-adds of the design per trial; a batch, timed as the
    difference of two runs, gets ten times as many and at least two steps."""
    work = n * d * d if workload == "matrix-sensing" else n * d
    if batch > 1:
        return max(2, 20_000_000 // (work * batch))
    return max(1, 2_000_000 // (work * batch))


def measure_core(args, env):
    """Rounds of interleaved runs; returns {workload: {system: [rates]}}."""
    systems = {"mirrorsweep": MirrorSweep(args.bin_dir, env), "numpy": Reference("numpy", env), "jax": Reference("jax", env)}
    rates = {}
    try:
        for w in WORKLOADS:
            workload, d, n, batch, _ = w
            rates[w] = {s: [] for s in SYSTEMS}
            steps = {}
            for name, system in systems.items():
                probe = first_steps(workload, d, n, batch)
                for _ in range(2):
                    rate = system.rate(workload, d, n, batch, probe)
                    if rate is None:
                        break
                    probe = max(1, int(rate / batch * args.seconds))
                steps[name] = probe if rate is not None else None
            for r in range(args.rounds):
                order = SYSTEMS[r % 3:] + SYSTEMS[:r % 3]
                for name in order:
                    if steps[name] is not None:
                        rates[w][name].append(systems[name].rate(workload, d, n, batch, steps[name]))
            print(f"side_by_side: measured {label(*w[:4])}", file=sys.stderr)
    finally:
        systems["numpy"].close()
        systems["jax"].close()
    return rates, systems["mirrorsweep"].unsupported


def median_ratio(ours, theirs):
    pairs = [a / b for a, b in zip(ours, theirs) if a and b]
    return statistics.median(pairs) if pairs else None


def core_table(rates, rounds):
    lines = [
        f"| workload | MirrorSweep steps/s | NumPy steps/s | JAX steps/s | MirrorSweep / NumPy | MirrorSweep / JAX | target | meets target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for w, by_system in rates.items():
        target = w[4]
        medians = {s: statistics.median(v) if v and all(v) else None for s, v in by_system.items()}
        ratios = {s: median_ratio(by_system["mirrorsweep"], by_system[s]) for s in ("numpy", "jax")}
        measured = [r for r in ratios.values() if r is not None]
        verdict = "—" if not measured else ("yes" if min(measured) >= target else "no")
        cells = [label(*w[:4])]
        cells += [f"{medians[s]:,.0f}" if medians[s] else "—" for s in SYSTEMS]
        cells += [f"{ratios[s]:.2f}×" if ratios[s] else "—" for s in ("numpy", "jax")]
        cells += [f"≥ {target}× " + ("vmap" if w[3] > 1 else "both"), verdict]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Process CPU time, single thread, median of {rounds} interleaved rounds; ratios are medians of "
                 "per-round ratios. Batches: trial-steps/s of 16 trials sharing Z (JAX: jax.vmap). "
                 "— : not measured (the system does not run that workload).")
    return "\n".join(lines)


def run_mirrorsweep(args, env):
    """(trials, recorded trials/s while serving, trials/s of the whole command)."""
    binary = os.path.join(args.bin_dir, "mirrorsweep")
    directory = tempfile.mkdtemp()
    try:
        start = time.perf_counter()
        run = subprocess.run([binary, "run", args.spec, "--workers", "2", "--run-dir", os.path.join(directory, "run"),
                              "--no-table", "--log-level", "warning"], capture_output=True, text=True, env=env, cwd=ROOT)
        whole = time.perf_counter() - start
        if run.returncode != 0:
            raise RuntimeError(f"mirrorsweep run failed: {run.stderr[-2000:]}")
        status = json.loads(subprocess.run([binary, "status", os.path.join(directory, "run"), "--json"],
                                           capture_output=True, text=True, check=True, env=env).stdout)
        if status["done"] != status["total"]:
            raise RuntimeError(f"mirrorsweep run recorded {status['done']} of {status['total']} trials")
        serving = float(re.findall(r"([0-9.]+) trials/s", run.stderr)[-1])
        return status["total"], serving, status["total"] / whole
    finally:
        shutil.rmtree(directory)


def run_baseline(command, env):
    """(trials/s, trials/s of the whole command) of a Benchmarks/baselines script."""
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    whole = time.perf_counter() - start
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {run.stderr[-2000:]}")
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    return answer["trials_per_second"], answer["trials_per_second"] * answer["seconds"] / whole


def measure_coordinator(args, env):
    """Rounds of the four systems; returns (trials, {system: [(rate, whole rate)]})."""
    results = {"mirrorsweep": [], "zmq": [], "dask": [], "parallel": []}
    trials = None
    for r in range(args.coordinator_rounds):
        # Round 0 starts with MirrorSweep, which tells the baselines how many trials to run.
        order = list(results)[r % 4:] + list(results)[:r % 4]
        for name in order:
            if name == "mirrorsweep":
                trials, serving, whole = run_mirrorsweep(args, env)
                results[name].append((serving, whole))
                continue
            baselines = os.path.join(HERE, "baselines")
            command = {
                "zmq": [sys.executable, os.path.join(baselines, "zmq_loop.py"), str(trials)],
                "dask": [sys.executable, os.path.join(baselines, "dask_local.py"), str(args.baseline_trials or trials)],
                "parallel": [os.path.join(baselines, "gnu_parallel.sh"), str(args.baseline_trials or trials)],
            }[name]
            results[name].append(run_baseline(command, env))
        print(f"side_by_side: coordinator round {r + 1} of {args.coordinator_rounds} done", file=sys.stderr)
    return trials, results


def coordinator_table(trials, results, args):
    fewer = f" ({args.baseline_trials:,} tasks)" if args.baseline_trials else ""
    names = {
        "mirrorsweep": f"MirrorSweep `run {os.path.basename(args.spec)}` (serving; durable journal)",
        "zmq": "Python pyzmq ROUTER/DEALER loop, SQLite commits every 10 ms (from both workers' hello)",
        "dask": "Dask LocalCluster, 2 processes × 1 thread (submit to gather)" + fewer,
        "parallel": "GNU parallel -j2 `true`" + fewer,
    }
    ours = [rate for rate, _ in results["mirrorsweep"]]
    lines = [
        f"| {trials:,} noop trials, 2 workers | trials/s | whole command, trials/s | MirrorSweep / system |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, runs in results.items():
        rate = statistics.median(r for r, _ in runs)
        whole = statistics.median(w for _, w in runs)
        ratio = "—" if name == "mirrorsweep" else f"{median_ratio(ours, [r for r, _ in runs]):.2f}×"
        lines.append(f"| {names[name]} | {rate:,.0f} | {whole:,.0f} | {ratio} |")
    ours_rate = statistics.median(ours)
    zmq_ratio = median_ratio(ours, [r for r, _ in results["zmq"]])
    lines.append("")
    lines.append(f"Targets: MirrorSweep ≥ 10,000 trials/s durable: {'yes' if ours_rate >= 10_000 else 'no'}; "
                 f"≥ 1.3× the pyzmq loop: {'yes' if zmq_ratio >= 1.3 else 'no'}. Wall time, median of {args.coordinator_rounds} "
                 "interleaved rounds; ratios are medians of per-round ratios. The whole-command column includes "
                 "start-up (spec, journal, worker processes; Dask's cluster).")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir", required=True, help="directory holding release builds of mirrorsweep and mirrorsweep-bench")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per core workload")
    parser.add_argument("--seconds", type=float, default=0.4, help="CPU seconds per core run")
    parser.add_argument("--spec", default=os.path.join(ROOT, "sweeps", "noop-50k.yaml"), help="the noop sweep")
    parser.add_argument("--coordinator-rounds", type=int, default=3, help="interleaved rounds of the coordinator comparison")
    parser.add_argument("--baseline-trials", type=int,
                        help="tasks for GNU parallel and Dask (default: as many as the sweep has trials)")
    parser.add_argument("--only", choices=["core", "coordinator"], help="run one of the two comparisons")
    args = parser.parse_args()
    ensure_venv()
    env = {**os.environ, **SINGLE_THREAD}
    if args.only != "coordinator":
        check_reference(args.bin_dir, env)
        rates, unsupported = measure_core(args, env)
        print("\n" + core_table(rates, args.rounds))
        for (workload, d, n, batch), reason in unsupported.items():
            print(f"\nMirrorSweep does not measure {label(workload, d, n, batch)}: {reason}")
    if args.only != "core":
        trials, results = measure_coordinator(args, env)
        print("\n" + coordinator_table(trials, results, args))


if __name__ == "__main__":
    main()
