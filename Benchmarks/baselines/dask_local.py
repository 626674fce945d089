#!/usr/bin/env python3
"""Trials per second of Dask distributed running trivial tasks on a LocalCluster of 2 worker
processes with 1 thread each: client.map over TRIALS tasks, then gather. Prints one JSON line
{"trials_per_second": …, "seconds": …, "whole_seconds": …}: `seconds` from the first submit to the
last result gathered, `whole_seconds` also counts starting and closing the cluster.

Usage: dask_local.py [TRIALS]   (default 50000; needs dask[distributed])
"""
import json
import logging
import sys
import time

from dask.distributed import Client, LocalCluster


def noop(trial):
    """The trivial task: its result is its input."""
    return trial


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    whole_start = time.perf_counter()
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster, Client(cluster) as client:
        start = time.perf_counter()
        futures = client.map(noop, range(trials), pure=False)
        results = client.gather(futures)
        seconds = time.perf_counter() - start
    whole = time.perf_counter() - whole_start
    if sorted(results) != list(range(trials)):
        sys.exit(f"dask_local.py: {len(results)} results do not match the {trials} tasks")
    print(json.dumps({"trials_per_second": trials / seconds, "seconds": seconds, "whole_seconds": whole}))


if __name__ == "__main__":
    main()
