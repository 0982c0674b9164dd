#!/usr/bin/env bash
# Survival benchmark: whole-process times of `trialdata survival cox|km|logrank` against R's
# survival (coxph, survfit, survdiff) and lifelines on the same 1,000,000-row CSV, in one run.
# Prints each time (best of REPS runs) and the ratio peer/trialdata (> 1: trialdata is faster).
# Usage: Benchmarks/survival/run_survival_benchmark.sh [N_ROWS] [REPS]
# Needs: a release build (swift build -c release --product trialdata), Rscript with survival,
# python3 with lifelines (pip install lifelines).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000000}"
reps="${2:-3}"
work="${TMPDIR:-/tmp}/trialdata-survival-bench"
mkdir -p "$work"
csv="$work/survival_${n}.csv"
[ -f "$csv" ] || python3 "$here/generate_survival_data.py" "$csv" "$n"
bin="$root/.build/release/trialdata"
[ -x "$bin" ] || (cd "$root" && swift build -c release --product trialdata)

# best wall-clock seconds of $reps runs of a command (output discarded)
best() {
  local b=""
  for _ in $(seq "$reps"); do
    local s e t
    s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || (( $(echo "$t < $b" | bc -l) )); then b=$t; fi
  done
  printf "%.3f" "$b"
}
peak_mb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'; }

echo "rows: $n ($(du -h "$csv" | cut -f1) CSV), best of $reps, whole processes"
printf "%-8s %10s %10s %10s %10s %10s %9s\n" task trialdata R lifelines "R/td" "ll/td" "td MB"
for task in cox km logrank; do
  case $task in
    cox) td=("$bin" survival cox --input "$csv" --covariates TRT,X1,X2,X3,X4,X5 --format json) ;;
    km) td=("$bin" survival km --input "$csv" --group TRT --format json) ;;
    logrank) td=("$bin" survival logrank --input "$csv" --group TRT --format json) ;;
  esac
  t_td=$(best "${td[@]}")
  t_r=$(best Rscript "$here/survival_peers.R" "$task" "$csv")
  t_ll=$(best python3 "$here/survival_peers_lifelines.py" "$task" "$csv")
  mem=$(peak_mb "${td[@]}")
  printf "%-8s %10s %10s %10s %10.1f %10.1f %9s\n" "$task" "$t_td" "$t_r" "$t_ll" \
    "$(echo "$t_r / $t_td" | bc -l)" "$(echo "$t_ll / $t_td" | bc -l)" "$mem"
done
