#!/usr/bin/env python3
"""Measured Efficiency Leverage of the MoE runs against the dense runs, beside `mixlab moe el` (stdlib + optional
matplotlib). Loss = mean over domains of the final validation loss (runlog.csv); compute = the trainer's `flops`
column (tokens x (6 N_active + 6 layers ctx d)). EL = C_dense(L_moe) / C_moe, where C_dense(L) interpolates the
dense runs linearly in (log C, log L); outside the dense range it extrapolates the nearest segment (flagged).

usage: analyze.py OUT_DIR HERE "MIXLAB COMMAND"
"""
import csv
import json
import math
import os
import shlex
import subprocess
import sys

out, here, mixlab = sys.argv[1], sys.argv[2], shlex.split(sys.argv[3])


def final(name):
    rows = list(csv.DictReader(open(os.path.join(out, name, "runlog.csv"))))
    last = max(int(r["step"]) for r in rows)
    rows = [r for r in rows if int(r["step"]) == last]
    s = json.load(open(os.path.join(out, name, "summary.json")))
    return {"name": name, "loss": sum(float(r["loss"]) for r in rows) / len(rows), "flops": float(rows[0]["flops"]),
            "params": int(rows[0]["params"]), "active": int(rows[0]["active_params"]), "tokens": int(rows[0]["tokens"]),
            "seconds": s["seconds"]}


names = sorted((n for n in os.listdir(out) if n.startswith(("dense-", "moe-")) and os.path.exists(os.path.join(out, n, "summary.json"))),
               key=lambda n: (n.split("-")[0], int(n.split("-")[1])))
runs = [final(n) for n in names]
dense = sorted((r for r in runs if r["name"].startswith("dense")), key=lambda r: r["flops"])
moe = [r for r in runs if r["name"].startswith("moe")]


def dense_compute(loss):
    pts = [(math.log(r["flops"]), math.log(r["loss"])) for r in dense]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if y1 <= math.log(loss) <= y0:
            return math.exp(x0 + (math.log(loss) - y0) * (x1 - x0) / (y1 - y0)), False
    (x0, y0), (x1, y1) = (pts[-2], pts[-1]) if math.log(loss) < pts[-1][1] else (pts[0], pts[1])
    return math.exp(x0 + (math.log(loss) - y0) * (x1 - x0) / (y1 - y0)), True


md = ["| run | params (total / active) | tokens | training FLOPs | final mean val loss | wall s |", "|---|---|---|---|---|---|"]
for r in runs:
    md.append(f"| {r['name']} | {r['params']:,} / {r['active']:,} | {r['tokens']:,} | {r['flops']:.3e} | {r['loss']:.4f} | {r['seconds']:.0f} |")
md += ["", "| MoE run | C_moe | dense C at equal loss | measured EL | `mixlab moe el` (A = 0.25, G = 2) |", "|---|---|---|---|---|"]
for r in moe:
    c, extrap = dense_compute(r["loss"])
    law = json.loads(subprocess.run(mixlab + ["moe", "el", "--compute", f"{r['flops']:.6g}", "--activation-ratio", "0.25",
                                              "--granularity", "2", "--json"], capture_output=True, text=True).stdout)
    r["el"], r["law"] = c / r["flops"], law["el"]
    md.append(f"| {r['name']} | {r['flops']:.3e} | {c:.3e}{' (extrapolated)' if extrap else ''} | {r['el']:.3f} | {law['el']:.3f} "
              f"({law['decades_outside_fitted_range']} decades below the law's fitted range) |")
text = "\n".join(md) + "\n"
open(os.path.join(here, "results.md"), "w").write(text)
print(text)
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit(0)
fig, ax = plt.subplots(figsize=(5.5, 3.8))
ax.loglog([r["flops"] for r in dense], [r["loss"] for r in dense], "o-", label="dense (2x64)")
ax.loglog([r["flops"] for r in moe], [r["loss"] for r in moe], "s-", label="MoE E=8 top-2 d_e=64")
for r in moe:
    ax.annotate(f"EL {r['el']:.2f} (law {r['law']:.2f})", (r["flops"], r["loss"]), fontsize=7)
ax.set_xlabel("training FLOPs"); ax.set_ylabel("final mean validation loss"); ax.legend(fontsize=8)
fig.tight_layout(); fig.savefig(os.path.join(here, "moe.png"), dpi=110)
