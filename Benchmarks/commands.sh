#!/usr/bin/env bash
# What a command trial adds to its program's own run (issue 14), with 2 local workers of one
# slot each and the durable journal:
#   - `echo` of a result (Benchmarks/specs/command-echo.yaml, 3,000 trials), a program as trivial as
#     `true`: trials per second while serving;
#   - a 100 ms program (Benchmarks/specs/command-sleep.yaml, 200 trials): how busy the workers are,
#     the programs' run time over 2 × the serving time.
# Usage: Benchmarks/commands.sh BIN [REPETITIONS]
set -euo pipefail
bin=$1
reps=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
serving() { grep -o '[0-9.]* trials/s' "$1" | tail -1 | cut -d' ' -f1; }
rates=()
busy=()
for _ in $(seq "$reps"); do
  dir=$(mktemp -d)
  "$bin" run "$here/Benchmarks/specs/command-echo.yaml" --workers 2 --slots 1 --run-dir "$dir/echo" --no-table --log-level warning 2> "$dir/echo.err"
  "$bin" status "$dir/echo" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert s["done"]==s["total"]==3000, s'
  rates+=("$(serving "$dir/echo.err")")
  "$bin" run "$here/Benchmarks/specs/command-sleep.yaml" --workers 2 --slots 1 --run-dir "$dir/sleep" --no-table --log-level warning 2> "$dir/sleep.err"
  "$bin" status "$dir/sleep" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert s["done"]==s["total"]==200, s'
  rate=$(serving "$dir/sleep.err")
  busy+=("$(python3 -c "print(f'{100 * $rate * 0.1 / 2:.1f}')")")
  rm -rf "$dir"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| command trials, 2 local workers × 1 slot, durable journal | median of $reps | target |"
echo "| --- | ---: | ---: |"
echo "| \`echo\` of a result: trials recorded per second while serving (3,000 trials) | $(median "${rates[@]}") | ≥ 300 |"
echo "| 100 ms program: workers busy, % (200 trials; 100 % = 20 trials/s) | $(median "${busy[@]}") | ≥ 95 |"
