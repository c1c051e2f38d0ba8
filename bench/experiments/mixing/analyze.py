#!/usr/bin/env python3
"""Table 2-style summary of the mixing experiment: test perplexity per method and group, change vs stratified
(paired by seed). Writes HERE/results.csv, HERE/results.md and, when matplotlib is available, HERE/*.png.

usage: analyze.py OUT_DIR HERE
"""
import csv
import json
import math
import os
import statistics
import sys

DOMAINS = ["code", "legal", "literature"]
METHODS = [("stratified", "stratified"), ("aioli", "aioli"), ("doremi-final", "DoReMi (static on proxy's avg α)"),
           ("doremi", "DoReMi proxy (online)"), ("skillit", "Skill-It"), ("dml", "Data Mixing Law")]


def load(out, name):
    p = os.path.join(out, name, "summary.json")
    if not os.path.exists(p): return None
    s = json.load(open(p))
    ppl = {d["domain"]: math.exp(d["test_loss"]) for d in s["domains"]}
    ppl["avg"] = statistics.mean(ppl[d] for d in DOMAINS)
    final = {d["domain"]: d["final_proportion"] for d in s["domains"]}
    return {"ppl": ppl, "seconds": s["seconds"], "final": final, "tps": s["tokens_per_second"]}


def fmt(xs):
    if not xs: return "–"
    m = statistics.mean(xs)
    return f"{m:+.3f}" + (f" ± {statistics.stdev(xs):.3f}" if len(xs) > 1 else "")


def main(out, here):
    seeds = sorted({int(n.split("-s")[-1]) for n in os.listdir(out) if n.startswith("stratified-s")})
    data = {m: {s: load(out, f"{m}-s{s}") for s in seeds} for m, _ in METHODS}
    rows, md = [], []
    md.append("| method | avg ppl | Δ avg ppl vs stratified | wins (of seeds) | " + " | ".join(f"Δ {d}" for d in DOMAINS) + " | final p (code/legal/lit), seed 1 | wall s (mean) |")
    md.append("|---|---|---|---|" + "---|" * len(DOMAINS) + "---|---|")
    for m, label in METHODS:
        runs = {s: r for s, r in data[m].items() if r is not None}
        if not runs: continue
        paired = [s for s in runs if data["stratified"].get(s)]
        davg = [runs[s]["ppl"]["avg"] - data["stratified"][s]["ppl"]["avg"] for s in paired]
        dgroup = {d: [runs[s]["ppl"][d] - data["stratified"][s]["ppl"][d] for s in paired] for d in DOMAINS}
        wins = sum(1 for x in davg if x < 0)
        avg = statistics.mean(r["ppl"]["avg"] for r in runs.values())
        f1 = runs.get(seeds[0])
        fin = "/".join(f"{f1['final'][d]:.2f}" for d in DOMAINS) if f1 else "–"
        secs = statistics.mean(r["seconds"] for r in runs.values())
        md.append(f"| {label} | {avg:.3f} | {fmt(davg) if m != 'stratified' else '0'} | {wins if m != 'stratified' else '–'}/{len(paired)} | "
                  + " | ".join(fmt(dgroup[d]) if m != "stratified" else "0" for d in DOMAINS) + f" | {fin} | {secs:.0f} |")
        for s, r in runs.items():
            rows.append([m, s] + [f"{r['ppl'][d]:.4f}" for d in DOMAINS] + [f"{r['ppl']['avg']:.4f}", f"{r['seconds']:.1f}"]
                        + [f"{r['final'][d]:.4f}" for d in DOMAINS])
    with open(os.path.join(here, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["method", "seed"] + [f"ppl_{d}" for d in DOMAINS] + ["ppl_avg", "seconds"] + [f"final_p_{d}" for d in DOMAINS])
        w.writerows(rows)
    text = "\n".join(md) + "\n"
    open(os.path.join(here, "results.md"), "w").write(text)
    print(text)
    plot(out, here, data, seeds)


def plot(out, here, data, seeds):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not available: tables only")
        return
    fig, ax = plt.subplots(1, 2, figsize=(11, 3.8))
    labels, xs = [], 0
    for m, label in METHODS[1:]:
        vals = [data[m][s]["ppl"]["avg"] - data["stratified"][s]["ppl"]["avg"] for s in seeds if data[m].get(s) and data["stratified"].get(s)]
        if not vals: continue
        ax[0].bar(xs, statistics.mean(vals), color="#9ab")
        ax[0].scatter([xs] * len(vals), vals, color="k", s=12, zorder=3)
        labels.append({"doremi-final": "DoReMi", "doremi": "DoReMi proxy"}.get(m, label))
        xs += 1
    ax[0].axhline(0, color="k", lw=0.8)
    ax[0].set_xticks(range(len(labels)), labels, rotation=20, fontsize=8)
    ax[0].set_ylabel("Δ avg test ppl vs stratified (paired seeds)")
    ax[0].set_title("Table 2-style change (negative = better)")
    for m, style in [("aioli", "-"), ("doremi", "--"), ("skillit", ":")]:
        p = os.path.join(out, f"{m}-s{seeds[0]}", "proportions.csv")
        if not os.path.exists(p): continue
        rows = list(csv.DictReader(open(p)))
        for d, c in zip(DOMAINS, ["C0", "C1", "C2"]):
            ax[1].step([int(r["step"]) for r in rows], [float(r[d]) for r in rows], style, color=c, where="post",
                       label=f"{m} {d}")
    ax[1].set_xlabel("step"); ax[1].set_ylabel("proportion"); ax[1].set_title(f"mixtures, seed {seeds[0]}")
    ax[1].legend(fontsize=6, ncol=3)
    fig.tight_layout()
    fig.savefig(os.path.join(here, "mixing.png"), dpi=110)
    print("wrote mixing.png")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
