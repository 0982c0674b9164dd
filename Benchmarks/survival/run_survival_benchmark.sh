#!/usr/bin/env bash
# Survival benchmark: whole-process times of `trialdata survival cox|km|logrank` against R's
# survival (coxph, survfit, survdiff) and lifelines on the same 1,000,000-row CSV, in one run.
# For each process: best wall-clock seconds and best CPU seconds (user + system) of REPS runs,
# and the ratios peer/trialdata (> 1: trialdata is faster). CPU time is the figure to trust on
# a shared machine; wall time also counts waiting for a core.
# Usage: Benchmarks/survival/run_survival_benchmark.sh [N_ROWS] [REPS]
# Needs: Rscript with survival, python3 with lifelines (pip install lifelines); builds
# trialdata in release mode if needed.
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

# "wall cpu maxrss_MB": best wall, best cpu (user+sys), and peak RSS of REPS runs
measure() {
  local bw="" bc="" mem=0
  for _ in $(seq "$reps"); do
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" > /dev/null 2>&1
    read -r w u s m < <(tail -1 "$work/time.txt")
    local c; c=$(echo "$u + $s" | bc -l)
    if [ -z "$bw" ] || (( $(echo "$w < $bw" | bc -l) )); then bw=$w; fi
    if [ -z "$bc" ] || (( $(echo "$c < $bc" | bc -l) )); then bc=$c; fi
    (( m > mem )) && mem=$m
  done
  echo "$bw $bc $((mem / 1024))"
}

echo "rows: $n ($(du -h "$csv" | cut -f1) CSV), best of $reps, whole processes; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-8s | %-22s | %-22s | %-22s | %-15s | %-15s\n" task "trialdata wall/cpu/MB" "R wall/cpu/MB" \
  "lifelines wall/cpu/MB" "R/td wall,cpu" "ll/td wall,cpu"
for task in cox km logrank; do
  case $task in
    cox) td=("$bin" survival cox --input "$csv" --covariates TRT,X1,X2,X3,X4,X5 --format json) ;;
    km) td=("$bin" survival km --input "$csv" --group TRT --format json) ;;
    logrank) td=("$bin" survival logrank --input "$csv" --group TRT --format json) ;;
  esac
  read -r tw tc tm <<< "$(measure "${td[@]}")"
  read -r rw rc rm <<< "$(measure Rscript "$here/survival_peers.R" "$task" "$csv")"
  read -r lw lc lm <<< "$(measure python3 "$here/survival_peers_lifelines.py" "$task" "$csv")"
  printf "%-8s | %6.2f %6.2f %6s   | %6.2f %6.2f %6s   | %6.2f %6.2f %6s   | %6.1f %6.1f   | %6.1f %6.1f\n" \
    "$task" "$tw" "$tc" "$tm" "$rw" "$rc" "$rm" "$lw" "$lc" "$lm" \
    "$(echo "$rw / $tw" | bc -l)" "$(echo "$rc / $tc" | bc -l)" \
    "$(echo "$lw / $tw" | bc -l)" "$(echo "$lc / $tc" | bc -l)"
done
echo "done; load: $(cut -d' ' -f1-3 /proc/loadavg)"
