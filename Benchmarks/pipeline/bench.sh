#!/usr/bin/env bash
# Pipeline and balance benchmarks (results in ../../BENCHMARKS.md). Run from the repository root
# after `swift build -c release --product trialdata`:
#   Benchmarks/pipeline/bench.sh [SUBJECTS...]     (default: 240 100000)
# For each size: simulate a study, time `trialdata run` (wall clock, release build), then time
# the analysis stage and `trialdata balance` against R (survival 3.5-3) on the same ADaM files.
set -euo pipefail
bin=.build/release/trialdata
work=${WORK:-/tmp/trialdata-bench}
mkdir -p "$work"
now() { date +%s.%N; }
for n in "${@:-240 100000}"; do
  for n1 in $n; do
    study="$work/study-$n1"; out="$work/out-$n1"
    [ -f "$study/study.yaml" ] || $bin simulate --subjects "$n1" --seed 20260401 --out "$study" --format csv >/dev/null
    t0=$(now); $bin run "$study" --out "$out" --format xpt,csv 2> "$work/run-$n1.log" || true; t1=$(now)
    echo "run $n1 subjects: $(echo "$t1 - $t0" | bc) s"; cat "$work/run-$n1.log" | grep '^\[' || true
    t0=$(now); $bin report --adam "$out/adam" --plan mappings/crlm/analysis.yaml --out "$work/rep-$n1" 2>/dev/null; t1=$(now)
    echo "trialdata analysis+report: $(echo "$t1 - $t0" | bc) s"
    t0=$(now); Rscript Benchmarks/pipeline/analysis_peer.R "$out/adam"; t1=$(now)
    echo "R analysis (incl. startup): $(echo "$t1 - $t0" | bc) s"
    t0=$(now); $bin balance --input "$out/adam/adsl.csv" --covariates ECOGBL,EHSITEN,CEABL,RASSTAT --factor ECOGBL \
      --reference "GROUP II" --stabilize --out "$work/w-$n1.csv" >/dev/null 2>&1; t1=$(now)
    echo "trialdata balance: $(echo "$t1 - $t0" | bc) s"
    t0=$(now); Rscript Benchmarks/pipeline/balance_peer.R "$out/adam/adsl.csv"; t1=$(now)
    echo "R balance (incl. startup): $(echo "$t1 - $t0" | bc) s"
  done
done
