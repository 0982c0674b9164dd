#!/usr/bin/env python3
"""Interoperability checks for DatasetIO, run by .ci/interop.sh (not by `swift test`).

1. Our XPT read by pyreadstat (ReadStat): a Dataset-JSON file written here by hand, with
   known values, is converted by `trialdata convert` to .xpt; pyreadstat must read every
   value, label, format, and the dataset name and label exactly.
2. A SAS-written CDISC XPT converted .xpt -> .json -> .xpt by trialdata reads in pyreadstat
   identically to the original (values and labels).
3. An .xpt written by pyreadstat (v5) is read by trialdata (converted to Dataset-JSON) and
   every value compared with the DataFrame pyreadstat wrote.
4. Every Dataset-JSON / NDJSON file trialdata wrote validates against the official
   Dataset-JSON v1.1 JSON Schema (committed under Tests/DatasetIOTests/Fixtures/schema).

Prints one PASS/FAIL line per check and a closing 'N passed, M failed' line; exits 1 on failure.
"""
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

import jsonschema
import pandas as pd
import pyreadstat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SCHEMA_DIR = os.path.join(HERE, "..", "Fixtures", "schema")
EXTERNAL = os.path.abspath(os.path.join(ROOT, "..", "shared", "external"))
TRIALDATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "trialdata")

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def convert(src, dst):
    r = subprocess.run([TRIALDATA, "convert", src, dst], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"trialdata convert {src} {dst} exited {r.returncode}: {r.stderr}")


def same_number(a, b):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return False
    return float(a) == float(b)


SAS_EPOCH = datetime.date(1960, 1, 1)

# ---------------------------------------------------------------------------------------
# Known values. Numbers include values IBM hex floats hold only with the exact conversion
# (0.1, 1/3, large and tiny magnitudes within the IBM range).
NUMS = [0.1, 1.0 / 3.0, -2.5, 123456789.123456789, 7.0e75, 1.0e-70, -0.0001, 0.0, None, 42.0]
DAYS = [19725, -3653, 0, None, 21914, 1, 365, -1, 24000, 10]
TEXTS = ["", "a,b \"quoted\"", "X" * 200, "plain", "  leading", "semi;colon|pipe", "01-701-1015", "", "Z", "tab\there"]
INTS = [63, 64, -5, 0, None, 1000000, 2, 3, 4, 5]


def iso(d):
    return None if d is None else (SAS_EPOCH + datetime.timedelta(days=d)).isoformat()


def hand_written_json(path):
    doc = {
        "datasetJSONCreationDateTime": "2024-01-01T00:00:00",
        "datasetJSONVersion": "1.1.0",
        "itemGroupOID": "IG.INTEROP",
        "records": len(NUMS),
        "name": "INTEROP",
        "label": "Interop check dataset",
        "columns": [
            {"itemOID": "IT.INTEROP.TXT", "name": "TXT", "label": "Text value", "dataType": "string", "length": 200},
            {"itemOID": "IT.INTEROP.NUM", "name": "NUM", "label": "Double value", "dataType": "double"},
            {"itemOID": "IT.INTEROP.AGE", "name": "AGE", "label": "Age", "dataType": "integer", "displayFormat": "3."},
            {"itemOID": "IT.INTEROP.ADT", "name": "ADT", "label": "Analysis Date", "dataType": "date",
             "targetDataType": "integer", "displayFormat": "DATE9."},
        ],
        "rows": [[t, n, i, iso(d)] for t, n, i, d in zip(TEXTS, NUMS, INTS, DAYS)],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


def validate_json(path, name):
    schema = json.load(open(os.path.join(SCHEMA_DIR, "dataset.schema.json"), encoding="utf-8"))
    try:
        jsonschema.validate(json.load(open(path, encoding="utf-8")), schema)
        check(f"schema: {name} validates against dataset.schema.json", True)
    except jsonschema.ValidationError as e:
        check(f"schema: {name} validates against dataset.schema.json", False, e.message)


def validate_ndjson(path, name):
    # The upstream dataset-ndjson-schema.json cannot be used as published: its columns refer to
    # '#/$defs/Column', which it does not define (jsonschema raises PointerToNowhere). The NDJSON
    # metadata line is a Dataset-JSON object without "rows", so it is validated against
    # dataset.schema.json, and every further line must be one row array per the columns.
    schema = json.load(open(os.path.join(SCHEMA_DIR, "dataset.schema.json"), encoding="utf-8"))
    lines = open(path, encoding="utf-8").read().splitlines()
    meta = json.loads(lines[0])
    try:
        jsonschema.validate(meta, schema)
        rows_ok = all(isinstance(json.loads(l), list) and len(json.loads(l)) == len(meta["columns"]) for l in lines[1:])
        check(f"schema: {name} metadata line validates against dataset.schema.json, {len(lines) - 1} row lines",
              rows_ok and len(lines) - 1 == meta["records"], "row lines do not match the columns/records")
    except jsonschema.ValidationError as e:
        check(f"schema: {name} NDJSON metadata", False, e.message)


def main():
    try:
        return run()
    except Exception as e:  # a crash is a failed check, reported in one line
        check("interop script ran to the end", False, f"{type(e).__name__}: {str(e)[:500]}")
        print(f"interop: {sum(results)} passed, {len(results) - sum(results)} failed")
        return 1


def run():
    work = tempfile.mkdtemp(prefix="datasetio-interop-")

    # 1. Our XPT, read by pyreadstat.
    src = os.path.join(work, "interop.json")
    hand_written_json(src)
    ours = os.path.join(work, "interop.xpt")
    convert(src, ours)
    df, meta = pyreadstat.read_xport(ours, disable_datetime_conversion=True)
    check("pyreadstat reads our XPT: dataset name", meta.table_name == "INTEROP", str(meta.table_name))
    check("pyreadstat reads our XPT: dataset label", meta.file_label == "Interop check dataset", str(meta.file_label))
    check("pyreadstat reads our XPT: variable names", list(df.columns) == ["TXT", "NUM", "AGE", "ADT"], str(list(df.columns)))
    check("pyreadstat reads our XPT: labels", meta.column_labels == ["Text value", "Double value", "Age", "Analysis Date"],
          str(meta.column_labels))
    formats = meta.original_variable_types
    check("pyreadstat reads our XPT: formats", formats.get("ADT") == "DATE9" and formats.get("AGE") == "3", str(formats))
    bad = [(i, a, b) for i, (a, b) in enumerate(zip(df["TXT"], TEXTS)) if a != b.rstrip(" ")]
    check("pyreadstat reads our XPT: character values", not bad, str(bad[:3]))
    for col, expected in (("NUM", NUMS), ("AGE", INTS), ("ADT", DAYS)):
        bad = [(i, a, b) for i, (a, b) in enumerate(zip(df[col], expected)) if not same_number(a, b)]
        check(f"pyreadstat reads our XPT: {col} values exactly", not bad and len(df) == len(expected), str(bad[:3]))

    # 2. SAS-written CDISC XPT through trialdata (xpt -> json -> xpt), compared in pyreadstat.
    for rel in ("cdisc-dataset-json-examples/adam/adsl.xpt", "cdisc-dataset-json-examples/sdtm/ae.xpt",
                "phuse-cdiscpilot/adam_tdf_v1.0/adtte.xpt"):
        original = os.path.join(EXTERNAL, rel)
        if not os.path.exists(original):
            print(f"SKIP {rel}: external data not found at {EXTERNAL}")
            continue
        base = os.path.splitext(os.path.basename(original))[0]
        j = os.path.join(work, base + ".json")
        nd = os.path.join(work, base + ".ndjson")
        back = os.path.join(work, base + "-back.xpt")
        convert(original, j)
        convert(j, nd)
        convert(j, back)
        validate_json(j, base + ".json")
        validate_ndjson(nd, base + ".ndjson")
        a, ma = pyreadstat.read_xport(original, disable_datetime_conversion=True)
        b, mb = pyreadstat.read_xport(back, disable_datetime_conversion=True)
        check(f"{rel} -> json -> xpt: same variables and labels in pyreadstat",
              list(a.columns) == list(b.columns) and ma.column_labels == mb.column_labels)
        check(f"{rel} -> json -> xpt: same formats", ma.original_variable_types == mb.original_variable_types,
              str(set(ma.original_variable_types.items()) ^ set(mb.original_variable_types.items())))
        diffs = []
        for c in a.columns:
            for i, (x, y) in enumerate(zip(a[c], b[c])):
                same = same_number(x, y) if isinstance(x, float) or isinstance(y, float) else x == y
                if not same:
                    diffs.append((c, i, x, y))
        check(f"{rel} -> json -> xpt: every value identical ({len(a)} rows)", not diffs and len(a) == len(b), str(diffs[:3]))

    # 3. pyreadstat writes an XPT (v5), trialdata reads it.
    # ReadStat's v5 writer saturates |x| >= about 7.2e74 to the largest IBM number 7FFF...FF
    # (which it then reads back as inf), although IBM holds up to 16^63 = 7.2e75; so the
    # largest value here is 6.5e74, which ReadStat writes correctly (7F16FE30FFABE6E3).
    df = pd.DataFrame({
        "NAME": ["alpha", "", "gamma, \"g\"", "X" * 200],
        "VALUE": [0.1, float("nan"), -1e-50, 6.5e74],
        "COUNT": [1.0, 2.0, 3.0, float("nan")],
        "VISITDT": [19725.0, float("nan"), 0.0, -3653.0],
    })
    py = os.path.join(work, "pyds.xpt")
    pyreadstat.write_xport(df, py, file_label="Written by pyreadstat", table_name="PYDS", file_format_version=5,
                           column_labels=["Name", "Value", "Count", "Visit date"], variable_format={"VISITDT": "DATE9."})
    pj = os.path.join(work, "pyds.json")
    convert(py, pj)
    validate_json(pj, "pyds.json (from a pyreadstat XPT)")
    doc = json.load(open(pj, encoding="utf-8"))
    check("trialdata reads a pyreadstat XPT: name and label", doc["name"] == "PYDS" and doc["label"] == "Written by pyreadstat",
          f"{doc['name']} / {doc['label']}")
    check("trialdata reads a pyreadstat XPT: labels", [c["label"] for c in doc["columns"]] == ["Name", "Value", "Count", "Visit date"])
    check("trialdata reads a pyreadstat XPT: VISITDT is a DATE9. date",
          doc["columns"][3].get("displayFormat") == "DATE9." and doc["columns"][3]["dataType"] == "date")
    rows = doc["rows"]
    bad = []
    for i, r in enumerate(rows):
        if r[0] != df["NAME"][i]:
            bad.append(("NAME", i, r[0]))
        for k, col in ((1, "VALUE"), (2, "COUNT")):
            if not same_number(r[k], df[col][i]):
                bad.append((col, i, r[k], df[col][i]))
        d = df["VISITDT"][i]
        if r[3] != (None if math.isnan(d) else iso(int(d))):
            bad.append(("VISITDT", i, r[3]))
    check(f"trialdata reads a pyreadstat XPT: every value ({len(rows)} rows)", not bad and len(rows) == len(df), str(bad[:3]))

    passed = sum(results)
    failed = len(results) - passed
    print(f"interop: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
