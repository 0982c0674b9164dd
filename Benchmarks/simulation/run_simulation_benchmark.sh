#!/usr/bin/env bash
# Scale benchmark of `trialdata simulate` (issue 3): 100,000 subjects, CSV and ODM exports, then
# `trialdata import` of the result. The peer is the I/O floor: copying the same bytes with `cat`
# in the same run (no other tool generates this study). Usage (from the repository root):
#   Benchmarks/simulation/run_simulation_benchmark.sh [SUBJECTS] [WORKDIR]
set -euo pipefail
N=${1:-100000}
W=${2:-$(mktemp -d)}
cd "$(dirname "$0")/../.."
swift build -c release --product trialdata >/dev/null
BIN=.build/release/trialdata
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }

rm -rf "$W/csv" "$W/both"
csv=$(t "$BIN" simulate --subjects "$N" --seed 1 --out "$W/csv" --format csv)
both=$(t "$BIN" simulate --subjects "$N" --seed 1 --out "$W/both" --format both)
csvbytes=$(du -sb "$W/csv/export/csv" | cut -f1)
allbytes=$(du -sb "$W/both/export" | cut -f1)
floor=$(t sh -c "cat $W/both/export/csv/*.csv $W/both/export/odm/crlm.xml > $W/floor.bin")
rm -f "$W/floor.bin"
imp_csv=$(t "$BIN" import "$W/both" --source csv)
imp_odm=$(t "$BIN" import "$W/both" --source odm)
"$BIN" import "$W/both" --source csv | tail -1
echo "subjects=$N"
echo "simulate csv:  ${csv}s  ($csvbytes bytes)"
echo "simulate both: ${both}s ($allbytes bytes; cat of the same bytes ${floor}s, ratio floor/simulate $(echo "scale=3; $floor / $both" | bc))"
echo "import csv:    ${imp_csv}s"
echo "import odm:    ${imp_odm}s"
