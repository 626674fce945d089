#!/usr/bin/env python3
"""Times the NumPy or JAX reference on request, for Benchmarks/side_by_side.py.

Usage: server.py numpy|jax
Reads one JSON request per line on stdin,
    {"workload": "mask-weight"|"matrix-sensing", "dimension": D, "samples": N, "steps": S, "batch": B}
and answers each with one JSON line {"steps_per_second": …, "clock": "process-cpu"} (trial-steps
per second when B > 1, which only JAX serves, through jax.vmap), or {"error": "…"}. Problems and
compiled functions are kept between requests, so only the first request of a size compiles
(outside the timing: a 1-step call first). A run is timed in process CPU time, start to
block_until_ready. Run it single-threaded: OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1,
XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1".
"""
import json
import math
import sys
import time

import numpy as np

import mask_weight
import matrix_sensing



def spread(value, batch):
    """`batch` values from `value` up to almost 2·`value`: one per trial of a batch."""
    return value * (1 + np.arange(batch) / batch)


class NumpyReference:
    """Runs requests with NumPy."""

    def __init__(self):
        self.problems = {}

    def runner(self, workload, d, n, batch):
        if batch != 1:
            raise ValueError("the NumPy reference runs one trial at a time (batch 1)")
        key = (workload, d, n)
        if key not in self.problems:
            if workload == "mask-weight":
                z, y = mask_weight.problem(d, n)
                m, w = mask_weight.initial_factors(d)
                self.problems[key] = lambda steps: mask_weight.run_numpy(z, y, m, w, steps)[-1]
            else:
                a, y = matrix_sensing.problem(d, n)
                u = matrix_sensing.initial_factor(d)
                self.problems[key] = lambda steps: matrix_sensing.run_numpy(a, y, u, steps)[-1]
        return self.problems[key]


class JaxReference:
    """Runs requests with jax.jit + lax.fori_loop (and jax.vmap for batches), float64."""

    def __init__(self):
        import jax

        jax.config.update("jax_enable_x64", True)
        jax.config.update("jax_platforms", "cpu")
        self.jax = jax
        self.mask_weight = mask_weight.jax_functions()
        self.matrix_sensing = matrix_sensing.jax_function()
        self.problems = {}

    def runner(self, workload, d, n, batch):
        key = (workload, d, n, batch)
        if key not in self.problems:
            put = self.jax.device_put
            if workload == "mask-weight":
                z, y = (put(v) for v in mask_weight.problem(d, n))
                run, batched = self.mask_weight
                if batch == 1:
                    m, w = (put(v) for v in mask_weight.initial_factors(d))
                    lam = mask_weight.WEIGHT_DECAY
                    call = lambda steps: run(z, y, m, w, lam, steps)[-1]
                else:
                    m = put(np.sqrt(spread(mask_weight.INIT_SCALE, batch))[:, None] * np.ones((batch, d)))
                    w = put(np.zeros((batch, d)))
                    lam = put(spread(mask_weight.WEIGHT_DECAY, batch))
                    call = lambda steps: batched(z, y, m, w, lam, steps)[-1]
            else:
                if batch != 1:
                    raise ValueError("matrix sensing is measured one trial at a time (batch 1)")
                a, y = (put(v) for v in matrix_sensing.problem(d, n))
                u = put(matrix_sensing.initial_factor(d))
                call = lambda steps: self.matrix_sensing(a, y, u, matrix_sensing.WEIGHT_DECAY, steps)[-1]
            finish = lambda steps: np.asarray(call(steps).block_until_ready())
            finish(1)
            self.problems[key] = finish
        return self.problems[key]


def serve(reference):
    for line in sys.stdin:
        try:
            request = json.loads(line)
            batch = int(request.get("batch", 1))
            steps = int(request["steps"])
            run = reference.runner(request["workload"], int(request["dimension"]), int(request["samples"]), batch)
            start = time.process_time()
            loss = run(steps)
            elapsed = time.process_time() - start
            if not np.all(np.isfinite(loss)):
                raise ValueError(f"the run diverged (loss {loss})")
            answer = {"steps_per_second": batch * steps / max(elapsed, 1e-9), "clock": "process-cpu"}
        except (KeyError, ValueError, TypeError) as error:
            answer = {"error": str(error)}
        print(json.dumps(answer), flush=True)


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("numpy", "jax"):
        print("usage: server.py numpy|jax", file=sys.stderr)
        sys.exit(2)
    serve(NumpyReference() if sys.argv[1] == "numpy" else JaxReference())


if __name__ == "__main__":
    main()
