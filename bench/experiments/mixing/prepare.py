#!/usr/bin/env python3
"""Inputs of the second phase of the mixing experiment (stdlib only).

prepare.py OUT            -> OUT/skillit-graph.json (from the one-group sweep runs) and OUT/dml-sweep.csv
prepare.py OUT --laws     -> OUT/dml-laws.json from `mixlab fit --law mixing --json` (OUT/dml-fit.json)
prepare.py OUT --average proportions.csv -> prints code=..,legal=..,literature=.. (step-weighted mean, DoReMi's α)
"""
import csv
import json
import math
import os
import sys

DOMAINS = ["code", "legal", "literature"]
# Skill-It's graph needs L_e(step 0). The trainer logs no step-0 row; a freshly initialised byte model predicts
# close to uniformly over its 257 symbols, so L(0) = ln 257 for every group (stated in RESULTS.md).
L0 = math.log(257)


def final_rows(runlog):
    rows = list(csv.DictReader(open(runlog)))
    last = max(int(r["step"]) for r in rows)
    return [r for r in rows if int(r["step"]) == last]


def graph_and_sweep(out):
    g = []
    for i, d in enumerate(DOMAINS):
        w = ["0"] * 3
        w[i] = "1"
        rows = {r["eval_domain"]: float(r["loss"]) for r in final_rows(os.path.join(out, f"sweep-{'_'.join(w)}", "runlog.csv"))}
        g.append([round((L0 - rows[e]) / L0, 6) for e in DOMAINS])
    json.dump(g, open(os.path.join(out, "skillit-graph.json"), "w"))
    runs = sorted(n for n in os.listdir(out) if n.startswith("sweep-")) + ["stratified-s1"]
    with open(os.path.join(out, "dml-sweep.csv"), "w", newline="") as f:
        w = None
        for n in runs:
            for r in final_rows(os.path.join(out, n, "runlog.csv")):
                r["run"] = n
                if w is None:
                    w = csv.DictWriter(f, fieldnames=list(r.keys()))
                    w.writeheader()
                w.writerow(r)
    print("skill-it graph (rows = trained group):", g)


def laws(out):
    """Turns `mixlab fit --law mixing --json` parameters (c[i], k[i], t_j[i]) into the policy's laws section."""
    params = json.load(open(os.path.join(out, "dml-fit.json")))["parameters"]
    est = {k: v["estimate"] for k, v in params.items()}
    result = []
    for d in DOMAINS:
        t = {j: est[f"t_{j}[{d}]"] for j in DOMAINS if f"t_{j}[{d}]" in est}  # the last domain's t is pinned at 0
        result.append({"domain": d, "c": est[f"c[{d}]"], "k": est[f"k[{d}]"], "t": t, "weight": 1})
    json.dump(result, open(os.path.join(out, "dml-laws.json"), "w"))
    print("dml laws:", result)


def average(path):
    rows = list(csv.DictReader(open(path)))
    total = int(rows[-1]["step"])
    acc = [0.0] * 3
    for a, b in zip(rows, rows[1:]):
        span = int(b["step"]) - int(a["step"])
        for j, d in enumerate(DOMAINS): acc[j] += span * float(a[d])
    s = sum(acc) if total > 0 else 0
    w = [x / s for x in acc] if s > 0 else [1 / 3] * 3
    print(",".join(f"{d}={x:.6f}" for d, x in zip(DOMAINS, w)))


if __name__ == "__main__":
    out = sys.argv[1]
    if len(sys.argv) == 2: graph_and_sweep(out)
    elif sys.argv[2] == "--laws": laws(out)
    elif sys.argv[2] == "--average": average(sys.argv[3])
