#!/usr/bin/env python3
"""Peer for the SDTM benchmark: the QS domain (the largest SDTM domain, ~80 % of all SDTM rows
of the CRLM-LOCAL study) mapped with pandas from the same CSV export that `trialdata sdtm`
reads: one row per QLQ-C30 item, QSTESTCD/QSTEST, QSORRES/QSSTRESC/QSSTRESN, QSSTAT NOT DONE
for missing items, a QSALL row for forms not done, QSDTC, QSDY (no day 0), QSSEQ in key order,
written as CSV. TrialData does all 14 datasets (and XPT) in the time it is compared with, so the
ratio understates TrialData.

usage: qs_peer.py EXPORT_CSV_DIR OUT.csv
"""
import sys, time
import numpy as np
import pandas as pd

t0 = time.perf_counter()
src, out = sys.argv[1], sys.argv[2]
dm = pd.read_csv(f"{src}/dm.csv", dtype=str, keep_default_na=False)
qs = pd.read_csv(f"{src}/qlq.csv", dtype=str, keep_default_na=False)
items = [f"Q{i:02d}" for i in range(1, 31)]
names = ["Trouble Doing Strenuous Activities", "Trouble Taking Long Walk", "Trouble Taking Short Walk Outside",
         "Stay in Bed/Chair During the Day", "Need Help Eating/Dressing/Washing", "Limited in Work/Daily Activities",
         "Limited Hobbies/Leisure Activities", "Were You Short of Breath", "Have You Had Pain", "Did You Need to Rest",
         "Have You Had Trouble Sleeping", "Have You Felt Weak", "Have You Lacked Appetite", "Have You Felt Nauseated",
         "Have You Vomited", "Have You Been Constipated", "Have You Had Diarrhea", "Were You Tired",
         "Pain Interfere Daily Activities", "Difficulty Concentrating on Things", "Did You Feel Tense", "Did You Worry",
         "Did You Feel Irritable", "Did You Feel Depressed", "Had Difficulty Remembering Things",
         "Condition Interfered Family Life", "Condition Interfered Social Activ", "Condition Caused Financial Diff",
         "Rate Your Overall Health", "Rate Your Overall Quality of Life"]
text4 = {"1": "NOT AT ALL", "2": "A LITTLE", "3": "QUITE A BIT", "4": "VERY MUCH"}
text7 = {"1": "1 - VERY POOR", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6", "7": "7 - EXCELLENT"}

def iso(s):  # DD-MON-YYYY (complete dates only in this export's QS) -> YYYY-MM-DD
    d = pd.to_datetime(s, format="%d-%b-%Y", errors="coerce")
    return d.dt.strftime("%Y-%m-%d").fillna(""), d

dm["USUBJID"] = "CRLM-LOCAL-" + dm["SITEID"] + "-" + dm["SUBJID"]
_, dm["REF"] = iso(dm["INCLDTC"])
qs = qs.merge(dm[["SUBJID", "USUBJID", "REF"]], on="SUBJID", how="left")
qs["QSDTC"], qdate = iso(qs["QSDTC"])
diff = (qdate - qs["REF"]).dt.days
qs["QSDY"] = np.where(diff >= 0, diff + 1, diff)
qs["VISITNUM"] = qs["VISIT"].str.replace("BASELINE", "MONTH 0").str.extract(r"(\d+)$")[0].astype(float)
done = qs[qs["QSDONE"] == "Y"]
long = done.melt(id_vars=["USUBJID", "VISITNUM", "VISIT", "QSDTC", "QSDY"], value_vars=items, var_name="ITEM", value_name="QSSTRESC")
n = long["ITEM"].str[1:].astype(int)
long["QSTESTCD"] = "EOR01" + long["ITEM"].str[1:]
long["QSTEST"] = "EOR01-" + n.map(lambda i: names[i - 1])
long["QSORRES"] = np.where(n >= 29, long["QSSTRESC"].map(text7), long["QSSTRESC"].map(text4))
long["QSORRES"] = long["QSORRES"].fillna("")
long["QSSTRESN"] = pd.to_numeric(long["QSSTRESC"], errors="coerce")
long["QSSTAT"] = np.where(long["QSSTRESC"] == "", "NOT DONE", "")
long["QSREASND"] = ""
nd = qs[qs["QSDONE"] != "Y"][["USUBJID", "VISITNUM", "VISIT", "QSDTC", "QSDY", "QSREASND"]].copy()
nd["QSTESTCD"], nd["QSTEST"], nd["QSORRES"], nd["QSSTRESC"], nd["QSSTRESN"], nd["QSSTAT"] = "QSALL", "Questionnaire", "", "", np.nan, "NOT DONE"
allq = pd.concat([long.drop(columns="ITEM"), nd], ignore_index=True)
allq["STUDYID"], allq["DOMAIN"], allq["QSCAT"] = "CRLM-LOCAL", "QS", "EORTC QLQ-C30 V3.0"
allq = allq.sort_values(["USUBJID", "VISITNUM", "QSTESTCD"], kind="stable")
allq["QSSEQ"] = allq.groupby("USUBJID").cumcount() + 1
cols = ["STUDYID", "DOMAIN", "USUBJID", "QSSEQ", "QSTESTCD", "QSTEST", "QSCAT", "QSORRES", "QSSTRESC", "QSSTRESN",
        "QSSTAT", "QSREASND", "VISITNUM", "VISIT", "QSDTC", "QSDY"]
allq[cols].to_csv(out, index=False)
print(f"pandas QS peer: {len(allq)} rows in {time.perf_counter() - t0:.2f} s")
