#!/usr/bin/env bash
# DatasetIO benchmark: Swift (release) and the Python peers on the same files, in one run.
# Usage: bash Benchmarks/datasetio-bench.sh [WORKDIR] [ROWS]   (needs pyreadstat: pip install pyreadstat)
set -euo pipefail
cd "$(dirname "$0")"
work="${1:-/tmp/datasetio-bench}"
rows="${2:-1000000}"
mkdir -p "$work"
swift build -c release --product DatasetIOBenchmarks >/dev/null
out="$work/results.txt"
"$(swift build -c release --show-bin-path)/DatasetIOBenchmarks" "$work" "$rows" | tee "$out"
ls -l "$work"/bench.xpt "$work"/bench.json "$work"/bench.csv | awk '{print "size " $NF " " $5}' | tee -a "$out"
python3 datasetio_peer.py "$work" | tee -a "$out"
python3 - "$out" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 3:
        try: t[p[0]] = float(p[1])
        except ValueError: pass
def ratio(peer, ours): return f"{t[peer] / t[ours]:.1f}x" if peer in t and ours in t and t[ours] > 0 else "n/a"
print("ratios of CPU seconds (peer / Swift):")
print("ratio xpt_write pyreadstat/swift", ratio("pyreadstat_xpt_write", "swift_xpt_write"))
print("ratio xpt_read pyreadstat/swift", ratio("pyreadstat_xpt_read", "swift_xpt_read"))
print("ratio json_write json.dump/swift", ratio("python_json_dump", "swift_json_write"))
print("ratio csv_read python-csv/swift (String rows)", ratio("python_csv_read_rows", "swift_csv_read_rows"))
print("ratio csv_read python-csv/swift (CSVRow views)", ratio("python_csv_read_rows", "swift_csv_read_rowviews"))
PY
