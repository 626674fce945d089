#!/usr/bin/env python3
"""A minimal MirrorSweep worker in Python: protocol version 1 (docs/PROTOCOL.md).

Usage: python_worker.py tcp://HOST:PORT

It runs `noop` trials itself and reports every other problem as a failure; replace
`run_trial` with real training to make it useful. It runs trials on the socket's thread, which is
fine for instant noop trials; a real worker trains on another thread so that heartbeats go on.
Needs pyzmq (`pip install pyzmq`).
"""
import json
import math
import os
import signal
import socket
import sys
import time

import zmq

PROTOCOL_VERSION = 1


def encode(msg_type, **fields):
    """One frame: {"v": 1, "type": ..., fields}; non-finite floats become "nan"/"inf"/"-inf"."""
    def fix(x):
        if isinstance(x, float) and not math.isfinite(x):
            return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
        if isinstance(x, dict):
            return {k: fix(v) for k, v in x.items()}
        if isinstance(x, list):
            return [fix(v) for v in x]
        return x
    body = {"v": PROTOCOL_VERSION, "type": msg_type, **fix(fields)}
    return json.dumps(body, separators=(",", ":"), allow_nan=False).encode("utf-8")


def decode(frame):
    """The message as a dict, or None (logged) when the frame is not a JSON object."""
    try:
        msg = json.loads(frame.decode("utf-8"))
    except ValueError as error:
        print(f"dropped undecodable frame: {error}", file=sys.stderr)
        return None
    if not isinstance(msg, dict) or "type" not in msg:
        print(f"dropped frame that is not a message: {frame[:80]!r}", file=sys.stderr)
        return None
    if msg.get("v") != PROTOCOL_VERSION:
        sys.exit(f"coordinator speaks protocol version {msg.get('v')!r}, this worker {PROTOCOL_VERSION}")
    return msg


def run_trial(config, seed):
    """Returns a TrialResult object (as a dict) or raises; only the noop problem is implemented."""
    if config.get("problem", "sparse-regression") != "noop":
        raise RuntimeError(f"this worker only runs noop trials, not {config.get('problem')!r}")
    start = time.monotonic()
    return {
        "status": "completed",
        "steps": 0,
        "wall_seconds": time.monotonic() - start,
        "x": [],
        "metrics": {"seed": float(seed)},
        "curves": [],
    }


def main():
    endpoint = sys.argv[1]
    worker_id = f"py-{socket.gethostname()}-{os.getpid()}"
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 100)
    sock.setsockopt(zmq.ROUTING_ID, worker_id.encode())
    sock.connect(endpoint)

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append("SIGTERM"))
    # A launcher may have spawned us with SIGTERM blocked (a blocked mask survives exec).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    last_sent = [0.0]

    def send(frame):
        sock.send(frame)
        last_sent[0] = time.monotonic()

    send(encode("hello", worker_id=worker_id, version=PROTOCOL_VERSION, slots=1,
                host=socket.gethostname(), pid=os.getpid()))

    # Wait up to 30 s for welcome or refuse; nothing else is expected before them.
    deadline = time.monotonic() + 30
    while True:
        if not sock.poll(max(0, int((deadline - time.monotonic()) * 1000))):
            sys.exit("no answer from the coordinator")
        msg = decode(sock.recv()) or {"type": None}
        if msg["type"] == "refuse":
            sys.exit(f"refused: {msg['reason']}")
        if msg["type"] == "welcome":
            break
    interval = msg["heartbeat_interval"]
    liveness = msg["heartbeat_liveness"]
    last_heard = time.monotonic()
    unacked = {}  # trial_id -> result/failure frame not yet acked; a reconnecting worker resends these

    send(encode("work_request", credit=1))
    while not stopping:
        if sock.poll(int(interval * 1000)):
            msg = decode(sock.recv()) or {"type": None}
            last_heard = time.monotonic()
            kind = msg["type"]
            if kind == "assignment":
                tid, attempt = msg["trial_id"], msg["attempt"]
                try:
                    result = run_trial(msg["config"], msg["seed"])
                    frame = encode("result", trial_id=tid, attempt=attempt, result=result)
                except Exception as error:  # the trial threw: report it, keep serving
                    frame = encode("failure", trial_id=tid, attempt=attempt, message=str(error))
                send(frame)
                unacked[tid] = frame
                send(encode("work_request", credit=1))
            elif kind == "ack":
                unacked.pop(msg["trial_id"], None)
            elif kind == "shutdown":
                print(f"shutdown: {msg['reason']}", file=sys.stderr)
                return 0
            elif kind == "refuse":
                sys.exit(f"refused: {msg['reason']}")
            # "heartbeat" (and anything dropped or unknown) only proves the coordinator is alive.
        now = time.monotonic()
        if now - last_heard > interval * liveness:
            sys.exit("coordinator silent for too long")
        if now - last_sent[0] >= interval:
            send(encode("heartbeat"))
    send(encode("bye", reason=stopping[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
