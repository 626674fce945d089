#!/usr/bin/env bash
# Trials per second through the coordinator: the noop sweep (no training) end to end with
# 2 local worker processes on loopback and the durable journal (WAL, synchronous = FULL).
# Usage: Benchmarks/coordinator.sh BIN [SPEC] [REPETITIONS]
set -euo pipefail
bin=$1
spec=${2:-sweeps/noop.yaml}
reps=${3:-3}
rates=()
walls=()
for _ in $(seq "$reps"); do
  dir=$(mktemp -d)
  start=$(date +%s.%N)
  "$bin" run "$spec" --workers 2 --run-dir "$dir/run" --no-table --log-level warning 2> "$dir/err"
  end=$(date +%s.%N)
  total=$("$bin" status "$dir/run" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert s["done"]==s["total"], s; print(s["total"])')
  rate=$(grep -o '[0-9.]* trials/s' "$dir/err" | tail -1 | cut -d' ' -f1)
  rates+=("$rate")
  walls+=("$(python3 -c "print(f'{$total/($end-$start):.0f}')")")
  rm -rf "$dir"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| coordinator, $(basename "$spec") ($total trials, 2 workers, durable journal) | median of $reps |"
echo "| --- | ---: |"
echo "| serving: trials recorded per second | $(median "${rates[@]}") |"
echo "| end to end: trials per second of the whole command (spec, registration, start-up) | $(median "${walls[@]}") |"
echo "| target (issue 3) | 5,000 |"
