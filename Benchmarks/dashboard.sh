#!/usr/bin/env bash
# Whether a polled dashboard slows serving: the noop sweep's trials per second through the
# coordinator (2 local workers, durable journal) without --dashboard, then with it while curl
# polls /api/status and /metrics every 2 s as the page does, then at 10 Hz each (loopback only,
# at most 10 minutes). On 2 cores the 20 curl processes a second of the second case compete with
# the coordinator and its workers for the CPU themselves.
# Usage: Benchmarks/dashboard.sh BIN [SPEC] [REPETITIONS]
set -euo pipefail
bin=$1
spec=${2:-sweeps/noop.yaml}
reps=${3:-3}

# One run; with a polling period in seconds, the dashboard on a free loopback port, polled
# until the run ends. Prints trials/s.
measure() {
  local dir poller="" period=$1
  dir=$(mktemp -d)
  if [ "$period" != none ]; then
    "$bin" run "$spec" --workers 2 --run-dir "$dir/run" --no-table --log-level warning --dashboard 127.0.0.1:0 2> "$dir/err" &
  else
    "$bin" run "$spec" --workers 2 --run-dir "$dir/run" --no-table --log-level warning 2> "$dir/err" &
  fi
  local run=$!
  if [ "$period" != none ]; then
    local url=""
    for _ in $(seq 600); do
      url=$(grep -o 'dashboard at http://[^ ]*' "$dir/err" | cut -d' ' -f3 || true)
      [ -n "$url" ] && break
      sleep 0.05
    done
    [ -n "$url" ] || { echo "no dashboard: $(cat "$dir/err")" >&2; exit 1; }
    ( for _ in $(seq 6000); do
        curl -s -o /dev/null --max-time 2 "${url}api/status" || true
        curl -s -o /dev/null --max-time 2 "${url}metrics" || true
        sleep "$period"
      done ) &
    poller=$!
  fi
  wait "$run"
  [ -n "$poller" ] && kill "$poller" 2>/dev/null && wait "$poller" 2>/dev/null || true
  grep -o '[0-9.]* trials/s' "$dir/err" | tail -1 | cut -d' ' -f1
  rm -rf "$dir"
}

plain=()
page=()
polled=()
for _ in $(seq "$reps"); do
  plain+=("$(measure none)")
  page+=("$(measure 2)")
  polled+=("$(measure 0.1)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| coordinator, $(basename "$spec"), 2 workers, durable journal | trials/s, median of $reps |"
echo "| --- | ---: |"
echo "| without --dashboard | $(median "${plain[@]}") |"
echo "| --dashboard, /api/status and /metrics polled every 2 s (the page's rate) | $(median "${page[@]}") |"
echo "| --dashboard, /api/status and /metrics polled at 10 Hz | $(median "${polled[@]}") |"
