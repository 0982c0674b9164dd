#!/usr/bin/env python3
"""Writes the survival benchmark input: N rows (default 1,000,000) of an ADTTE-like CSV.

Columns: USUBJID, AVAL (exponential event time rounded up to whole days), CNSR (0 = event,
1 = censored; uniform censoring tuned to ~30 %), TRT (0/1), X1..X5 (numeric covariates).
The hazard depends on TRT and X1..X5 so that the Cox fit has real signal.
Usage: generate_survival_data.py OUT.csv [N] [SEED]
"""
import math
import random
import sys

def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261127)
    beta = [-0.4, 0.3, -0.2, 0.1, 0.05, -0.15]   # TRT, X1..X5
    with open(out, "w") as f:
        f.write("USUBJID,AVAL,CNSR,TRT,X1,X2,X3,X4,X5\n")
        lines = []
        for i in range(n):
            trt = 1 if rng.random() < 0.5 else 0
            x = [round(rng.gauss(0, 1), 4) for _ in range(5)]
            eta = beta[0] * trt + sum(b * v for b, v in zip(beta[1:], x))
            t_event = rng.expovariate(math.exp(eta) / 365.0)
            t_cens = rng.uniform(0, 1500.0)
            if t_event <= t_cens:
                aval, cnsr = t_event, 0
            else:
                aval, cnsr = t_cens, 1
            aval = max(1, math.ceil(aval))
            lines.append(f"S{i:07d},{aval},{cnsr},{trt},{x[0]},{x[1]},{x[2]},{x[3]},{x[4]}\n")
            if len(lines) == 50_000:
                f.writelines(lines)
                lines = []
        f.writelines(lines)

if __name__ == "__main__":
    main()
