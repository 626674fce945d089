#!/usr/bin/env python3
"""A minimal Python coordinator for comparison with MirrorSweep's: one ROUTER socket, 2 worker
processes on DEALER sockets, JSON messages shaped like docs/PROTOCOL.md (hello, work_request with
credit, assignment, result, ack), results committed to SQLite (WAL, synchronous=FULL) in
batches every 10 ms, each result acked after its commit. The tasks are trivial (noop).

Prints one JSON line {"trials_per_second": …, "seconds": …, "whole_seconds": …}: `seconds` from
the first assignment (both workers said hello) to the last commit, `whole_seconds` from start to
the end, worker start-up included.

Usage: zmq_loop.py [TRIALS]        (default 50000; needs pyzmq)
       zmq_loop.py worker ENDPOINT (started by the coordinator)
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import zmq

WORKERS = 2
COMMIT_INTERVAL = 0.010


def encode(**message):
    return json.dumps(message, separators=(",", ":")).encode()


def worker(endpoint):
    """Says hello, asks for one trial at a time, answers each assignment with its result."""
    context = zmq.Context()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(endpoint)
    socket.send(encode(v=1, type="hello", worker_id=f"py-{os.getpid()}", version=1, slots=1))
    while True:
        message = json.loads(socket.recv())
        kind = message["type"]
        if kind == "welcome":
            socket.send(encode(v=1, type="work_request", credit=1))
        elif kind == "assignment":
            result = {"status": "completed", "steps": 0, "wall_seconds": 0.0, "x": [],
                      "metrics": {"seed": message["seed"]}, "curves": []}
            socket.send(encode(v=1, type="result", trial_id=message["trial_id"], attempt=1, result=result))
            socket.send(encode(v=1, type="work_request", credit=1))
        elif kind == "shutdown":
            return


def coordinator(trials):
    """Serves `trials` noop trials to WORKERS worker processes and commits every result."""
    whole_start = time.perf_counter()
    directory = tempfile.mkdtemp()
    database = sqlite3.connect(os.path.join(directory, "journal.sqlite"), isolation_level=None)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA synchronous=FULL")
    database.execute("CREATE TABLE results (trial_id TEXT PRIMARY KEY, worker TEXT, result TEXT)")
    context = zmq.Context()
    router = context.socket(zmq.ROUTER)
    router.setsockopt(zmq.ROUTER_MANDATORY, 1)
    router.bind("tcp://127.0.0.1:*")
    endpoint = router.getsockopt_string(zmq.LAST_ENDPOINT)
    processes = [subprocess.Popen([sys.executable, __file__, "worker", endpoint]) for _ in range(WORKERS)]

    pending = list(range(trials - 1, -1, -1))
    credit = {}
    batch = []
    batch_started = 0.0
    committed = 0
    start = None
    poller = zmq.Poller()
    poller.register(router, zmq.POLLIN)
    while committed < trials:
        timeout = 100 if not batch else max(0.0, (batch_started + COMMIT_INTERVAL - time.perf_counter()) * 1000)
        if poller.poll(timeout):
            while True:
                try:
                    route, frame = router.recv_multipart(zmq.NOBLOCK)
                except zmq.Again:
                    break
                message = json.loads(frame)
                kind = message["type"]
                if kind == "hello":
                    router.send_multipart([route, encode(v=1, type="welcome", heartbeat_interval=1.0, heartbeat_liveness=5, run_id="zmq-loop")])
                    credit[route] = 0
                elif kind == "work_request":
                    credit[route] += message["credit"]
                elif kind == "result":
                    if not batch:
                        batch_started = time.perf_counter()
                    batch.append((route, message["trial_id"], json.dumps(message["result"])))
                if start is None and len(credit) == WORKERS:
                    start = time.perf_counter()
                if start is not None:
                    for peer in credit:
                        while credit[peer] > 0 and pending:
                            trial = pending.pop()
                            router.send_multipart([peer, encode(v=1, type="assignment", trial_id=f"{trial:016x}", attempt=1, seed=trial, config={"problem": "noop"})])
                            credit[peer] -= 1
        if batch and time.perf_counter() - batch_started >= COMMIT_INTERVAL:
            database.execute("BEGIN")
            database.executemany("INSERT OR IGNORE INTO results VALUES (?, ?, ?)", [(t, r.hex(), j) for r, t, j in batch])
            database.execute("COMMIT")
            for route, trial_id, _ in batch:
                router.send_multipart([route, encode(v=1, type="ack", trial_id=trial_id)])
            committed += len(batch)
            batch = []
    seconds = time.perf_counter() - start
    for route in credit:
        router.send_multipart([route, encode(v=1, type="shutdown", reason="no work left")])
    for process in processes:
        process.wait()
    stored = database.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    database.close()
    shutil.rmtree(directory)
    router.close(linger=0)
    context.term()
    whole = time.perf_counter() - whole_start
    if stored != trials:
        sys.exit(f"zmq_loop.py: {stored} of {trials} results stored")
    print(json.dumps({"trials_per_second": trials / seconds, "seconds": seconds, "whole_seconds": whole}))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "worker":
        worker(sys.argv[2])
    else:
        coordinator(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)


if __name__ == "__main__":
    main()
