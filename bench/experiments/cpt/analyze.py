#!/usr/bin/env python3
"""Summary of the CPT experiment: loss changes per ratio, the CMR predicted from the short runs, and the check by the
longer run. Writes HERE/results.md and HERE/cpt.png (if matplotlib is available).

usage: analyze.py OUT_DIR HERE EPS LONG_STEPS
"""
import csv
import json
import os
import sys

out, here, eps, long_steps = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])


def curves(table):
    runs = {}
    for r in csv.DictReader(open(table)):
        runs.setdefault(r["run"], {"R": float(r["mix.code"]), "general": {}, "code": {}})[r["eval_domain"]][int(r["tokens"])] = float(r["loss"])
    return runs


short = curves(os.path.join(out, "cpt-short.csv"))
long_p = os.path.join(out, "cpt-long.csv")
long = curves(long_p) if os.path.exists(long_p) else {}
cmr = json.load(open(os.path.join(out, "cmr-short.json")))
pred = {r["run"]: r for r in cmr["runs"]}
md = ["| run | R | ΔL_general at end | ΔL_code at end | tokens | cmr: fitted ΔL_general at the long budget | T0 (tokens) | feasible at the long budget |", "|---|---|---|---|---|---|---|---|"]
for name, c in sorted(list(short.items()) + list(long.items()), key=lambda kv: (len(kv[1]["general"]), kv[1]["R"])):
    t = max(c["general"])
    md.append(f"| {name} | {c['R']:.3f} | {c['general'][t] - c['general'][0]:+.4f} | {c['code'][t] - c['code'][0]:+.4f} | {t} | "
              + (f"{pred[name]['general_delta_at_target']:+.4f} | {pred[name]['t0_tokens'] or float('nan'):.0f} | {pred[name]['feasible']} |" if name in pred else "– | – | – |"))
md.append("")
iv = cmr.get("interval")
md.append(f"`mixlab cmr` on the short runs: CMR at {cmr['target_tokens']} tokens ({long_steps} steps) with ε = {eps} = "
          f"**{cmr['cmr']:.4f}**" + (f" [{iv[0]:.3f}, {iv[1]:.3f}]" if iv else "") + f" ({cmr['answer_from']}).")
for name, c in long.items():
    t = max(c["general"])
    d = c["general"][t] - c["general"][0]
    peak = max(c["general"][k] - c["general"][0] for k in c["general"])
    md.append(f"Check: {name} (R = {c['R']:.4f}) ends {d:+.4f} above the pre-CPT general loss at {t} tokens "
              f"(ε = {eps}; highest rise along the run {peak:+.4f}): " + ("within tolerance" if d <= eps else "outside tolerance") + ".")
text = "\n".join(md) + "\n"
open(os.path.join(here, "results.md"), "w").write(text)
print(text)
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit(0)
fig, ax = plt.subplots(1, 2, figsize=(10, 3.6))
for i, (name, c) in enumerate(sorted(short.items(), key=lambda kv: kv[1]["R"])):
    ts = sorted(c["general"])
    ax[0].plot(ts, [c["general"][t] - c["general"][0] for t in ts], "o-", ms=3, color=f"C{i}", label=f"R={c['R']:.3f}")
    ax[1].plot(ts, [c["code"][t] - c["code"][0] for t in ts], "o-", ms=3, color=f"C{i}")
for name, c in long.items():
    ts = sorted(c["general"])
    ax[0].plot(ts, [c["general"][t] - c["general"][0] for t in ts], "k--", label=f"long R={c['R']:.3f}")
    ax[1].plot(ts, [c["code"][t] - c["code"][0] for t in ts], "k--")
ax[0].axhline(eps, color="r", lw=0.8, ls=":", label="ε")
ax[0].set_xlabel("CPT tokens"); ax[0].set_ylabel("ΔL general (legal+literature)"); ax[0].legend(fontsize=7)
ax[1].set_xlabel("CPT tokens"); ax[1].set_ylabel("ΔL code")
fig.tight_layout(); fig.savefig(os.path.join(here, "cpt.png"), dpi=110)
