#!/usr/bin/env bash
# EDCImport benchmark, all in one run, CPU seconds (user+sys) and peak memory (max RSS) from
# /usr/bin/time: ODM streaming read, flatten and bind against `xmllint --stream --noout` on the
# same ~500 MB ODM file; CSV export read to rows (DatasetIO CSVReader) against Python's csv module
# on the same ~200 MB; CSV export binding (rows -> typed StudyData, which holds the whole study
# in memory) on a ~20 MB export against Python's csv reading that export to rows.
# Usage: bash Benchmarks/edcimport-bench.sh [WORKDIR] [ODM_MB] [CSV_MB] [CSV_BIND_MB]   (needs libxml2-utils)
set -euo pipefail
cd "$(dirname "$0")"
work="${1:-/tmp/edcimport-bench}"
odm_mb="${2:-500}"
csv_mb="${3:-200}"
bind_mb="${4:-20}"
mkdir -p "$work"
swift build -c release --product EDCImportBenchmarks >/dev/null
bin="$(swift build -c release --show-bin-path)/EDCImportBenchmarks"
fixture=../Tests/EDCImportTests/Fixtures/crlm-small
out="$work/results.txt"
: > "$out"
[ -f "$work/bench.xml" ] || "$bin" gen-odm "$fixture/crlm.xml" ../mappings/crlm "$work/bench.xml" "$odm_mb" >/dev/null
[ -d "$work/csv" ] || "$bin" gen-csv "$fixture/csv" "$work/csv" "$csv_mb" >/dev/null
[ -d "$work/csv-bind" ] || "$bin" gen-csv "$fixture/csv" "$work/csv-bind" "$bind_mb" >/dev/null
echo "odm_bytes $(stat -c %s "$work/bench.xml")" | tee -a "$out"
echo "csv_bytes $(cat "$work"/csv/*.csv | wc -c)" | tee -a "$out"
echo "csv_bind_bytes $(cat "$work"/csv-bind/*.csv | wc -c)" | tee -a "$out"
t() {  # name, command...: prints "name user+sys wall maxrss_kb"
    local name=$1; shift
    /usr/bin/time -f "%U %S %e %M" -o "$work/time.txt" "$@" > "$work/$name.out"
    read -r u s e m < "$work/time.txt"
    echo "$name $(python3 -c "print(f'{$u+$s:.2f}')") cpu_s $e wall_s $m maxrss_kb" | tee -a "$out"
}
t xmllint_stream xmllint --stream --noout "$work/bench.xml"
t swift_odm_read "$bin" read-odm "$work/bench.xml"
t swift_odm_flatten "$bin" flatten-odm "$work/bench.xml" "$work/flat"
t swift_odm_bind "$bin" bind-odm "$work/bench.xml" ../mappings/crlm
pyrows='
import csv, glob, sys
n = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    with open(f, newline="", encoding="utf-8") as h:
        for row in csv.reader(h): n += 1
print("rows", n)'
t python_csv_rows python3 -c "$pyrows" "$work/csv"
t swift_csv_rows "$bin" read-csv "$work/csv"
t python_csv_rows_small python3 -c "$pyrows" "$work/csv-bind"
t swift_csv_bind "$bin" bind-csv "$work/csv-bind" ../mappings/crlm
# Chunked binding of the same export: plan, then the first chunk of 10,000 subjects (prints both CPU times).
t swift_csv_bind_chunk "$bin" bind-csv-chunks "$work/csv-bind" ../mappings/crlm 10000 0
cat "$work"/swift_odm_read.out "$work"/swift_odm_bind.out "$work"/python_csv_rows.out "$work"/swift_csv_rows.out "$work"/swift_csv_bind.out "$work"/swift_csv_bind_chunk.out
python3 - "$out" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) >= 2 and not p[0].endswith("_bytes"): t[p[0]] = float(p[1])
def r(a, b): return f"{t[a] / t[b]:.2f}" if t.get(b) else "n/a"
print("ratio odm_read/xmllint (CPU)", r("swift_odm_read", "xmllint_stream"))
print("ratio odm_flatten/xmllint (CPU)", r("swift_odm_flatten", "xmllint_stream"))
print("ratio odm_bind/xmllint (CPU)", r("swift_odm_bind", "xmllint_stream"))
print("ratio python_csv_rows/swift_csv_rows (CPU)", r("python_csv_rows", "swift_csv_rows"))
print("ratio python_csv_rows/swift_csv_bind on the bind export (CPU)", r("python_csv_rows_small", "swift_csv_bind"))
PY
