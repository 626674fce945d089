#!/usr/bin/env bash
# The coordinator's wall time and peak memory at 1,000,000 trials (issue 7): expanding the grid
# (`plan`), registering the trials in a new journal (`plan --prepare`), resuming a journal with
# half of them recorded (`plan --prepare` again) and the table of 1,000,000 results (`table`),
# and the journal's size per trial once registered and once every result is in.
# Results are filled in with mirrorsweep-journal-fill (the core's noop trials, committed through
# the Journal API). Prints a Markdown table of medians over REPETITIONS runs, each figure marked
# pass or FAIL against its target.
# Usage: Benchmarks/scale.sh BIN_DIR [SPEC] [REPETITIONS]
#   BIN_DIR holds mirrorsweep and mirrorsweep-journal-fill (e.g. `swift build -c release --show-bin-path`).
set -euo pipefail
bin_dir=$1
spec=${2:-sweeps/million.yaml}
reps=${3:-3}
bin="$bin_dir/mirrorsweep"
fill="$bin_dir/mirrorsweep-journal-fill"
max_mib=500
max_bytes_per_trial=200
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: runs CMD (stdout to $work/out), appends "seconds MiB" to $work/NAME.
measure() {
  local name=$1
  shift
  python3 - "$@" >> "$work/$name" <<'PY'
import os, resource, subprocess, sys, time
start = time.monotonic()
with open(os.environ["SCALE_OUT"], "w") as out:
    code = subprocess.run(sys.argv[1:], stdout=out).returncode
seconds = time.monotonic() - start
if code != 0:
    sys.exit(f"{' '.join(sys.argv[1:])} exited with {code}")
print(f"{seconds:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f}")
PY
}
export SCALE_OUT="$work/out"

for i in $(seq "$reps"); do
  measure expand "$bin" plan "$spec" --log-level warning
done
trials=$(awk '$1 == "trials" {print $2}' "$work/out")
for i in $(seq "$reps"); do
  rm -rf "$work/run"
  measure register "$bin" plan "$spec" --prepare --run-dir "$work/run" --log-level warning
done
# journal_bytes: the journal's size on disk, its write-ahead log included.
journal_bytes() {
  local total=0 file
  for file in "$work/run/journal.sqlite" "$work/run/journal.sqlite-wal"; do
    [ ! -e "$file" ] || total=$((total + $(stat -c %s "$file")))
  done
  echo "$total"
}
registered_bytes=$(journal_bytes)
"$fill" "$work/run" 2 > /dev/null
for i in $(seq "$reps"); do
  measure resume "$bin" plan "$spec" --prepare --run-dir "$work/run" --log-level warning
done
grep -q "^done *$((trials / 2))$" "$work/out" || { echo "resume did not find half of the trials done:" >&2; cat "$work/out" >&2; exit 1; }
"$fill" "$work/run" 1 > /dev/null
filled_bytes=$(journal_bytes)
for i in $(seq "$reps"); do
  measure table "$bin" table "$work/run" --format csv --log-level warning
done
rows=$(($(wc -l < "$work/out") - 1))

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# row NAME LABEL MAX_SECONDS: the medians of step NAME against MAX_SECONDS and max_mib.
row() {
  local name=$1 label=$2 max_seconds=$3 seconds mib verdict
  seconds=$(cut -d' ' -f1 "$work/$name" | median)
  mib=$(cut -d' ' -f2 "$work/$name" | median)
  verdict=$(awk -v s="$seconds" -v m="$mib" -v ms="$max_seconds" -v mm="$max_mib" 'BEGIN {print (s < ms && m < mm) ? "pass" : "FAIL"}')
  echo "| $label | $seconds | $mib | < $max_seconds s, < $max_mib MiB | $verdict |"
}
echo
echo "| coordinator at scale, $(basename "$spec") ($trials trials; table: $rows rows) | seconds (median of $reps) | max RSS, MiB | target (issue 7) | |"
echo "| --- | ---: | ---: | --- | --- |"
row expand "expand the grid: \`plan\`" 10
row register "open a new journal, register every trial: \`plan --prepare\`" 10
row resume "resume, half recorded: \`plan --prepare\` (register again, load the pending trials)" 3
row table "\`table\` of every result" 5
per_trial=$((registered_bytes / trials))
verdict=$([ "$per_trial" -lt "$max_bytes_per_trial" ] && echo pass || echo FAIL)
echo
echo "| journal size | bytes | bytes per trial | target | |"
echo "| --- | ---: | ---: | --- | --- |"
echo "| every trial registered, none recorded | $registered_bytes | $per_trial | < $max_bytes_per_trial | $verdict |"
echo "| every result recorded | $filled_bytes | $((filled_bytes / trials)) | | |"
