#!/usr/bin/env python3
"""Converts CPT runs' runlog.csv (per-domain rows code/legal/literature) to `mixlab cmr`'s input (stdlib only).

general loss = mean of the legal and literature validation losses (the pre-training mixture was 50/50);
domain loss = code. Each run gets tokens-0 rows from the pre-training run's final evaluation (the same weights the
CPT run starts from). R = the run's mix.code.

usage: to_cmr.py OUT_DIR TABLE.csv PREFIX   (reads OUT_DIR/pretrain and OUT_DIR/PREFIX-r*/runlog.csv)
"""
import csv
import os
import sys

out, table, prefix = sys.argv[1], sys.argv[2], sys.argv[3]


def by_step(path):
    steps = {}
    for r in csv.DictReader(open(path)):
        steps.setdefault(int(r["step"]), {})[r["eval_domain"]] = r
    return steps


pre = by_step(os.path.join(out, "pretrain", "runlog.csv"))
last = pre[max(pre)]
base_gen = (float(last["legal"]["loss"]) + float(last["literature"]["loss"])) / 2
base_dom = float(last["code"]["loss"])
with open(table, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["run", "params", "tokens", "step", "eval_domain", "loss", "mix.code", "mix.general"])
    for name in sorted(n for n in os.listdir(out) if n.startswith(prefix + "-r")):
        p = os.path.join(out, name, "runlog.csv")
        if not os.path.exists(p): continue
        steps = by_step(p)
        first = steps[min(steps)]
        r = float(first["code"]["mix.code"])
        params = first["code"]["params"]
        w.writerow([name, params, 0, 0, "general", f"{base_gen:.6f}", r, 1 - r])
        w.writerow([name, params, 0, 0, "code", f"{base_dom:.6f}", r, 1 - r])
        for s in sorted(steps):
            d = steps[s]
            gen = (float(d["legal"]["loss"]) + float(d["literature"]["loss"])) / 2
            w.writerow([name, params, d["code"]["tokens"], s, "general", f"{gen:.6f}", r, 1 - r])
            w.writerow([name, params, d["code"]["tokens"], s, "code", f"{float(d['code']['loss']):.6f}", r, 1 - r])
print(f"{table}: base general {base_gen:.4f}, base code {base_dom:.4f}")
