#!/usr/bin/env python3
"""Peer for the survival benchmark: lifelines on the same CSV, whole process.
Usage: survival_peers_lifelines.py cox|km|logrank FILE"""
import sys
import time

import pandas as pd

what, path = sys.argv[1], sys.argv[2]
d = pd.read_csv(path, usecols=["AVAL", "CNSR", "TRT", "X1", "X2", "X3", "X4", "X5"])
d["E"] = (d["CNSR"] == 0).astype(int)
t0 = time.perf_counter()
if what == "cox":
    from lifelines import CoxPHFitter
    cph = CoxPHFitter()
    cph.fit(d[["AVAL", "E", "TRT", "X1", "X2", "X3", "X4", "X5"]], duration_col="AVAL", event_col="E")
    print(cph.params_.iloc[0], cph.log_likelihood_)
elif what == "km":
    from lifelines import KaplanMeierFitter
    for g, sub in d.groupby("TRT"):
        kmf = KaplanMeierFitter().fit(sub["AVAL"], sub["E"])
        print(g, kmf.median_survival_time_)
else:
    from lifelines.statistics import logrank_test
    a, b = d[d.TRT == 0], d[d.TRT == 1]
    r = logrank_test(a["AVAL"], b["AVAL"], a["E"], b["E"])
    print(r.test_statistic, r.p_value)
print(f"fit-only seconds {time.perf_counter() - t0:.3f}", file=sys.stderr)
