#!/usr/bin/env python3
"""Writes the bundled sample run logs (MixLab's run-log format, DESIGN.md) deterministically.

The numbers are synthetic: losses drawn from published law parameters plus seeded noise, so the samples can be
redistributed and the true parameters are known. Run from the repository root: python3 samples/generate.py
"""
import math
import random

def chinchilla(path):
    # Epoch AI's estimate of the Chinchilla law (laws.md §3.2): E, A, B, alpha, beta.
    E, A, B, alpha, beta = 1.8172, 482.01, 2085.43, 0.3478, 0.3658
    rng = random.Random(20240417)
    sizes = [44e6, 90e6, 160e6, 300e6, 560e6, 1.0e9, 1.8e9, 3.2e9]
    ratios = [2, 5, 10, 20, 40, 80]  # tokens per parameter
    with open(path, "w") as f:
        f.write("run,params,tokens,step,eval_domain,loss\n")
        for n in sizes:
            for k in ratios:
                d = k * n
                loss = (E + A / n**alpha + B / d**beta) * math.exp(rng.gauss(0, 0.01))
                steps = int(round(d / (512 * 2048)))
                f.write(f"n{n/1e6:g}M-d{k}x,{n:.0f},{d:.0f},{steps},web,{loss:.5f}\n")

def mixing(path):
    # A three-domain Data Mixing Law (Ye et al. Eq. 1) with chosen coefficients: L_i = c_i + k_i exp(sum_j t_ij r_j).
    domains = ["web", "code", "books"]
    c = {"web": 2.10, "code": 0.95, "books": 2.30}
    k = {"web": 0.55, "code": 0.80, "books": 0.45}
    t = {"web": [-1.6, -0.2, -0.5], "code": [-0.1, -2.8, 0.1], "books": [-0.6, 0.0, -1.9]}
    rng = random.Random(20240325)
    with open(path, "w") as f:
        f.write("run,params,tokens,step,eval_domain,loss," + ",".join("mix." + d for d in domains) + "\n")
        for m in range(32):
            g = [rng.gammavariate(1.0, 1.0) for _ in domains]
            r = [x / sum(g) for x in g]
            r = [round(x, 4) for x in r]
            r[-1] = round(1 - sum(r[:-1]), 4)
            for ev in domains:
                z = sum(tj * rj for tj, rj in zip(t[ev], r))
                loss = c[ev] + k[ev] * math.exp(z) + rng.gauss(0, 0.003)
                f.write(f"mix{m:02d},160000000,3200000000,6100,{ev},{loss:.5f}," + ",".join(f"{x:.4f}" for x in r) + "\n")

if __name__ == "__main__":
    chinchilla("samples/runs/chinchilla-runs.csv")
    mixing("samples/runs/mixing-runs.csv")
