#!/usr/bin/env bash
# Trials per second of GNU parallel running TRIALS trivial tasks (`true`) two at a time
# (`parallel -j2`), start to finish, as one JSON line {"trials_per_second": …, "seconds": …}.
# Usage: Benchmarks/baselines/gnu_parallel.sh [TRIALS]   (default 50000; needs the Debian package `parallel`)
set -euo pipefail
trials=${1:-50000}
command -v parallel >/dev/null || { echo "gnu_parallel.sh: GNU parallel is missing (scripts/install-deps --bench)" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
seq "$trials" | parallel -j2 --will-cite --joblog "$log" true
end=$(date +%s.%N)
done_count=$(($(wc -l < "$log") - 1))
[ "$done_count" -eq "$trials" ] || { echo "gnu_parallel.sh: $done_count of $trials tasks ran" >&2; exit 1; }
python3 -c "import json; print(json.dumps({'trials_per_second': $trials / ($end - $start), 'seconds': $end - $start}))"
