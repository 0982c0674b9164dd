#!/usr/bin/env bash
# Scale benchmarks of the chunked pipeline (results in ../../BENCHMARKS.md, sections SDTM and
# Pipeline). Run from the repository root after `swift build -c release --product trialdata`:
#   Benchmarks/pipeline/scale.sh [SUBJECTS]        (default 100000)
# Simulates a CSV study (seed 7) once, then times with /usr/bin/time -v (wall, CPU, peak RSS):
#   trialdata sdtm  --format xpt            (issue target: 100,000 subjects < 60 s, < 4 GB),
#                   with the spec's lengths (default) and --length minimal
#   trialdata run   --format xpt            (issue target: 100,000 subjects < 2 min)
#   trialdata run   (all three formats)
# and, in the same run, the pandas peer of `trialdata sdtm` (QS only, CSV) against
# `trialdata sdtm --format csv` on a 20,000-subject study. Writes are page-cache heavy
# (6–20 GB): each timed command starts after `sync`, so the previous one's writeback does not
# throttle it.
set -euo pipefail
bin=.build/release/trialdata
n=${1:-100000}
work=${WORK:-/tmp/trialdata-scale}
mkdir -p "$work"
timed() {   # label, command…
  local label=$1; shift
  rm -rf "$work/out"; sync; sleep 2
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.err" || true
  printf '%-28s wall %s  user %ss  sys %ss  peak %s kB\n' "$label" \
    "$(grep 'Elapsed' "$work/$label.err" | awk '{print $NF}')" \
    "$(grep 'User time' "$work/$label.err" | awk '{print $NF}')" \
    "$(grep 'System time' "$work/$label.err" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$work/$label.err" | awk '{print $NF}')"
}
for size in "$n" 20000; do
  [ -f "$work/study-$size/study.yaml" ] || $bin simulate --subjects "$size" --seed 7 --format csv --out "$work/study-$size" >/dev/null
done
timed "sdtm-xpt-$n" $bin sdtm "$work/study-$n" --out "$work/out" --format xpt
timed "sdtm-xpt-minimal-$n" $bin sdtm "$work/study-$n" --out "$work/out" --format xpt --length minimal
timed "run-xpt-$n" $bin run "$work/study-$n" --out "$work/out" --format xpt
timed "run-all-formats-$n" $bin run "$work/study-$n" --out "$work/out"
timed "sdtm-csv-20000" $bin sdtm "$work/study-20000" --out "$work/out" --format csv
timed "pandas-qs-peer-20000" python3 Benchmarks/sdtm/qs_peer.py "$work/study-20000/export/csv" "$work/peer-qs.csv"
grep -h '^\[' "$work/run-xpt-$n.err" | grep -v '^\[chunk' || true
