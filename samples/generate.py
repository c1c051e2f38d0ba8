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

def cpt(path):
    # Continual pre-training runs in the form of the CMR Scaling Law (Gu et al. 2024, Eq. 6), synthetic: for each
    # domain ratio R, the domain loss falls as a(R) (T^-0.35 - 1) and the general loss first rises then falls as
    # a(R) T^0.25 - b(R) T^0.45 with its peak at T* = 20 (1 + 4R); T in units of 0.2B tokens, as in the paper.
    rng = random.Random(20240724)
    base_general, base_domain = 2.60, 2.20
    with open(path, "w") as f:
        f.write("run,params,tokens,step,eval_domain,loss,mix.finance,mix.general\n")
        for ratio in [0.125, 0.25, 1 / 3, 0.5, 0.75]:
            name = f"cpt-r{ratio:.3f}"
            a_dom = 0.15 + 0.40 * ratio
            a_gen = 0.01 + 0.06 * ratio
            peak = 20 * (1 + 4 * ratio)
            b_gen = a_gen * (0.25 / 0.45) * peak ** -0.2
            mix = f"{ratio:.6f},{1 - ratio:.6f}"
            f.write(f"{name},460000000,0,0,general,{base_general:.5f},{mix}\n")
            f.write(f"{name},460000000,0,0,finance,{base_domain:.5f},{mix}\n")
            for t in range(5, 105, 5):
                tokens = t * 2e8
                step = int(tokens / (512 * 4096))
                general = base_general + a_gen * t ** 0.25 - b_gen * t ** 0.45 + rng.gauss(0, 2e-4)
                domain = base_domain + a_dom * (t ** -0.35 - 1) + rng.gauss(0, 2e-4)
                f.write(f"{name},460000000,{tokens:.0f},{step},general,{general:.5f},{mix}\n")
                f.write(f"{name},460000000,{tokens:.0f},{step},finance,{domain:.5f},{mix}\n")

def moe(path):
    # Dense and MoE runs whose MoE losses follow the EL law (Tian et al. 2025, Eq. 13, Table 2 coefficients; log10 C,
    # log2 G): the dense curve is L = 27 C^-0.05, and an MoE at compute C reaches the dense loss at EL x C. Synthetic.
    rng = random.Random(20250720)
    a, d, gamma, beta, a_start, a_max = 1.23, -0.0761, 0.0167, -0.117, 0.0163, 5.28e16

    def el(act, g, c):
        hat = 1 / (1 / (act + 1 / (1 / a_start - 1 / a_max)) + 1 / a_max)
        lg = math.log2(g)
        return hat ** (a + d * math.log10(c) + gamma * lg * lg + beta * lg)

    def dense_loss(c):
        return 27.0 * c ** -0.05

    with open(path, "w") as f:
        f.write("run,flops,loss,experts,active_experts,granularity\n")
        for c in [1e18, 3e18, 1e19, 3e19, 1e20, 3e20]:
            f.write(f"dense-{c:.0e},{c:.3e},{dense_loss(c) * math.exp(rng.gauss(0, 0.001)):.5f},0,,\n")
        for experts, active in [(64, 2), (64, 8), (128, 2), (256, 2), (32, 8)]:
            for g in [2, 8, 12]:
                for c in [1e18, 1e19, 1e20]:
                    loss = dense_loss(el(active / experts, g, c) * c) * math.exp(rng.gauss(0, 0.001))
                    f.write(f"moe-E{experts}-a{active}-G{g}-{c:.0e},{c:.3e},{loss:.5f},{experts},{active},{g}\n")

if __name__ == "__main__":
    chinchilla("samples/runs/chinchilla-runs.csv")
    mixing("samples/runs/mixing-runs.csv")
    cpt("samples/runs/cpt-runs.csv")
    moe("samples/runs/moe-runs.csv")
