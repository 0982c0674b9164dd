#!/usr/bin/env python3
"""Python peers for the DatasetIO benchmark, on the files the Swift benchmark wrote.

pyreadstat (ReadStat) reads bench.xpt (XPT read) and writes the same DataFrame as XPT v5
(XPT write); json.dump writes the same rows as a Dataset-JSON-shaped object (rows as lists,
conversion excluded from the time); csv.reader reads bench.csv to row lists.
Prints `name seconds` lines.
"""
import csv
import json
import sys
import time

import pyreadstat

work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/datasetio-bench"


def timed(name, fn):
    """Prints `name cpu-seconds wall-seconds` (CPU time: the machine is shared)."""
    c, t = time.process_time(), time.perf_counter()
    out = fn()
    print(f"{name} {time.process_time() - c:.3f} {time.perf_counter() - t:.3f}", flush=True)
    return out


df, meta = timed("pyreadstat_xpt_read", lambda: pyreadstat.read_xport(f"{work}/bench.xpt", disable_datetime_conversion=True))
assert len(df) > 0
timed("pyreadstat_xpt_write", lambda: pyreadstat.write_xport(df, f"{work}/peer.xpt", file_format_version=5,
                                                              table_name="BENCH", column_labels=meta.column_labels))
rows = [[None if (isinstance(v, float) and v != v) else v for v in r] for r in df.itertuples(index=False, name=None)]
doc = {"datasetJSONCreationDateTime": "1960-01-01T00:00:00", "datasetJSONVersion": "1.1.0", "itemGroupOID": "IG.BENCH",
       "records": len(rows), "name": "BENCH", "label": "DatasetIO benchmark",
       "columns": [{"itemOID": f"IT.BENCH.{c}", "name": c, "label": l, "dataType": "string" if df[c].dtype == object else "double"}
                   for c, l in zip(df.columns, meta.column_labels)],
       "rows": rows}


def dump():
    with open(f"{work}/peer.json", "w", encoding="utf-8") as f:
        json.dump(doc, f)


timed("python_json_dump", dump)


def read_csv():
    n = 0
    with open(f"{work}/bench.csv", newline="", encoding="utf-8") as f:
        for _ in csv.reader(f):
            n += 1
    return n


n = timed("python_csv_read_rows", read_csv)
assert n == len(rows) + 1, n
