#!/usr/bin/python3
"""Python reference of the Chinchilla / Epoch fitting protocol (spec: laws.md section 3, checks V1-V5).

Written from the spec for a side-by-side speed comparison with MixLab. Uses only NumPy and SciPy
(Debian packages python3-numpy, python3-scipy); run it with /usr/bin/python3.

Phases (each timed):
  load       read the CSV, D = FLOP / (6 N), keep rows with loss strictly below the 5th-highest loss.
  starts     sum of Huber_{1e-3}(LSE(a - alpha log N, b - beta log D, e) - log L), analytic gradient,
             SciPy L-BFGS-B from each of the 4,500 grid starts; keep the best objective.
  mle        Huber-likelihood NLL over (a, b, e, alpha, beta, log sigma) with SciPy BFGS, started from
             the best Huber fit and the log sigma minimising the NLL there.
  bootstrap  N resamples (default 4,000) of the rows with replacement (numpy default_rng(42)), each
             re-fitted with SciPy BFGS on the plain Huber-sum objective from the MLE point estimate.

Usage:
  /usr/bin/python3 reference.py DATA.csv [--starts-only] [--bootstrap N] [--seed 42] [--out results.json]
"""

import argparse
import csv
import itertools
import json
import math
import sys
import time

import numpy as np
from scipy.optimize import minimize, minimize_scalar
from scipy.special import ndtr

DELTA = 1e-3
DROP_HIGHEST = 5
PARAM_ORDER = ("a", "b", "e", "alpha", "beta")

# Expected values from the spec (laws.md 3.2 and checks V2, V3, V5).
EXPECTED_HUBER = {"objective": 0.00101827402, "a": 6.1692, "b": 7.6702, "e": 0.59731,
                  "alpha": 0.34731, "beta": 0.36717}
EXPECTED_MLE = {"A": 482.01, "B": 2085.43, "E": 1.8172, "alpha": 0.3478, "beta": 0.3658,
                "log_sigma": -12.267}
EXPECTED_SE = {"A": 124.5, "B": 1293.0, "E": 0.026, "alpha": 0.015, "beta": 0.021}
EXPECTED_CI = {"A": (285.0, 744.0), "B": (1042.0, 5810.0), "E": (1.769, 1.871),
               "alpha": (0.317, 0.373), "beta": (0.331, 0.415)}
# V1: objective at Hoffmann's TeX and rounded parameters.
V1_POINTS = [
    ("Hoffmann TeX", (6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083), 0.0012311626),
    ("Hoffmann rounded", (math.log(406.4), math.log(410.7), math.log(1.69), 0.34, 0.28), 0.0041210091),
]


# ----------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------
def load_data(path, drop_highest=DROP_HIGHEST):
    """Return (log N, log D, log L) for the kept rows and the row counts."""
    n_list, c_list, l_list = [], [], []
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            n_list.append(float(row["Model Size"]))
            c_list.append(float(row["Training FLOP"]))
            l_list.append(float(row["loss"]))
    N = np.array(n_list)
    C = np.array(c_list)
    L = np.array(l_list)
    D = C / (6.0 * N)
    total = L.size
    if drop_highest > 0:
        threshold = np.sort(L)[::-1][drop_highest - 1]  # the k-th highest loss
        keep = L < threshold
    else:
        threshold = None
        keep = np.ones_like(L, dtype=bool)
    return np.log(N[keep]), np.log(D[keep]), np.log(L[keep]), total, threshold


# ----------------------------------------------------------------------------------------------
# Model: log L_hat = LSE(a - alpha log N, b - beta log D, e)
# ----------------------------------------------------------------------------------------------
def lse_and_weights(theta, logN, logD):
    a, b, e, alpha, beta = theta
    x1 = a - alpha * logN
    x2 = b - beta * logD
    x3 = np.full_like(x1, e)
    m = np.maximum(np.maximum(x1, x2), x3)
    z1 = np.exp(x1 - m)
    z2 = np.exp(x2 - m)
    z3 = np.exp(x3 - m)
    s = z1 + z2 + z3
    return m + np.log(s), z1 / s, z2 / s, z3 / s


def huber(r, delta):
    ar = np.abs(r)
    return np.where(ar <= delta, 0.5 * r * r, delta * (ar - 0.5 * delta))


def huber_psi(r, delta):
    """Derivative of Huber_delta."""
    return np.clip(r, -delta, delta)


def residual_grad_combine(psi, w1, w2, w3, logN, logD):
    """Sum_i psi_i * d r_i / d(a, b, e, alpha, beta)."""
    p1 = psi * w1
    p2 = psi * w2
    return np.array([p1.sum(), p2.sum(), (psi * w3).sum(), -(p1 @ logN), -(p2 @ logD)])


def huber_objective(theta, logN, logD, logL, delta=DELTA):
    """Sum of Huber_delta(LSE - log L) and its gradient."""
    pred, w1, w2, w3 = lse_and_weights(theta, logN, logD)
    r = pred - logL
    f = huber(r, delta).sum()
    g = residual_grad_combine(huber_psi(r, delta), w1, w2, w3, logN, logD)
    return f, g


def huber_value(theta, logN, logD, logL, delta=DELTA):
    pred, _, _, _ = lse_and_weights(theta, logN, logD)
    return huber(pred - logL, delta).sum()


# ----------------------------------------------------------------------------------------------
# Huber likelihood: log p(x) = -Huber_delta(x / sigma) - log Z(delta) - log sigma
# ----------------------------------------------------------------------------------------------
def log_z(delta=DELTA):
    phibar = ndtr(-delta)  # standard normal survival function at delta
    return math.log(math.sqrt(2.0 * math.pi) * (1.0 - 2.0 * phibar)
                    + 2.0 * math.exp(-delta * delta / 2.0) / delta)


def nll_objective(params, logN, logD, logL, delta=DELTA):
    """NLL over (a, b, e, alpha, beta, log sigma) and its gradient."""
    theta = params[:5]
    log_sigma = params[5]
    inv_sigma = math.exp(-log_sigma)
    pred, w1, w2, w3 = lse_and_weights(theta, logN, logD)
    u = (pred - logL) * inv_sigma
    n = u.size
    f = huber(u, delta).sum() + n * log_z(delta) + n * log_sigma
    psi = huber_psi(u, delta)
    g = np.empty(6)
    g[:5] = residual_grad_combine(psi, w1, w2, w3, logN, logD) * inv_sigma
    g[5] = -(psi @ u) + n
    return f, g


def best_log_sigma(theta, logN, logD, logL, delta=DELTA):
    """log sigma minimising the NLL at fixed theta (falls back to 0)."""
    def f(ls):
        return nll_objective(np.append(theta, ls), logN, logD, logL, delta)[0]
    try:
        res = minimize_scalar(f, bounds=(-40.0, 10.0), method="bounded",
                              options={"xatol": 1e-10, "maxiter": 500})
        if np.isfinite(res.fun) and res.fun <= f(0.0):
            return float(res.x)
    except Exception:  # pragma: no cover - fallback documented in the brief
        pass
    return 0.0


# ----------------------------------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------------------------------
def start_grid():
    alphas = np.arange(0.0, 2.0 + 1e-9, 0.5)
    betas = np.arange(0.0, 2.0 + 1e-9, 0.5)
    es = np.arange(-1.0, 1.0 + 1e-9, 0.5)
    As = np.arange(0.0, 25.0 + 1e-9, 5.0)
    Bs = np.arange(0.0, 25.0 + 1e-9, 5.0)
    return [np.array([a, b, e, al, be])
            for al, be, e, a, b in itertools.product(alphas, betas, es, As, Bs)]


def fit_grid(logN, logD, logL):
    grid = start_grid()
    best = None
    n_success = 0
    n_iter = 0
    n_fev = 0
    for x0 in grid:
        res = minimize(huber_objective, x0, args=(logN, logD, logL), method="L-BFGS-B", jac=True)
        n_iter += res.nit
        n_fev += res.nfev
        if res.success:
            n_success += 1
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
    return best, len(grid), n_success, n_iter, n_fev


def fit_mle(theta0, logN, logD, logL):
    ls0 = best_log_sigma(theta0, logN, logD, logL)
    x0 = np.append(theta0, ls0)
    res = minimize(nll_objective, x0, args=(logN, logD, logL), method="BFGS", jac=True)
    return res, ls0


def bootstrap(theta_hat, logN, logD, logL, n_boot, seed):
    rng = np.random.default_rng(seed)
    n = logL.size
    out = np.empty((n_boot, 5))
    n_success = 0
    for k in range(n_boot):
        idx = rng.integers(0, n, size=n)
        res = minimize(huber_objective, theta_hat, args=(logN[idx], logD[idx], logL[idx]),
                       method="BFGS", jac=True)
        if res.success:
            n_success += 1
        out[k] = res.x
    return out, n_success


# ----------------------------------------------------------------------------------------------
# Reporting helpers
# ----------------------------------------------------------------------------------------------
def natural(theta):
    a, b, e, alpha, beta = theta
    return {"A": math.exp(a), "B": math.exp(b), "E": math.exp(e), "alpha": alpha, "beta": beta}


def natural_samples(samples):
    return {"A": np.exp(samples[:, 0]), "B": np.exp(samples[:, 1]), "E": np.exp(samples[:, 2]),
            "alpha": samples[:, 3], "beta": samples[:, 4]}


def fmt(x):
    return f"{x:.10g}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="path to epoch_chinchilla_svg_extracted_data.csv")
    ap.add_argument("--starts-only", action="store_true", help="run only the 4,500-start Huber fit")
    ap.add_argument("--bootstrap", type=int, default=4000, help="number of bootstrap resamples")
    ap.add_argument("--seed", type=int, default=42, help="seed for numpy default_rng")
    ap.add_argument("--out", default=None, help="write results JSON here")
    args = ap.parse_args(argv)

    wall = {}
    t_total = time.perf_counter()

    # --- load
    t = time.perf_counter()
    logN, logD, logL, total_rows, threshold = load_data(args.data)
    wall["load"] = time.perf_counter() - t
    print(f"[load]      {wall['load']:.3f} s   rows {total_rows} -> kept {logL.size} "
          f"(loss < {threshold:.6f})", flush=True)

    # V1 sanity values (cheap, not timed as a phase)
    v1 = []
    for name, theta, expected in V1_POINTS:
        val = huber_value(np.array(theta), logN, logD, logL)
        v1.append({"name": name, "value": val, "expected": expected,
                   "rel_err": abs(val - expected) / expected})
        print(f"[V1]        {name:17s} objective {val:.10e}  expected {expected:.10e}  "
              f"rel err {abs(val - expected) / expected:.2e}", flush=True)

    # --- starts
    t = time.perf_counter()
    best, n_starts, n_conv, n_iter, n_fev = fit_grid(logN, logD, logL)
    wall["starts"] = time.perf_counter() - t
    theta_h = best.x
    print(f"[starts]    {wall['starts']:.3f} s   {n_starts} L-BFGS-B starts, {n_conv} converged, "
          f"{n_iter} iterations, {n_fev} evaluations", flush=True)
    print(f"            objective {best.fun:.11e}  (expected {EXPECTED_HUBER['objective']:.11e})")
    for i, name in enumerate(PARAM_ORDER):
        print(f"            {name:6s} {theta_h[i]:.6f}  (expected {EXPECTED_HUBER[name]})")
    nat_h = natural(theta_h)
    print(f"            A {nat_h['A']:.3f}  B {nat_h['B']:.3f}  E {nat_h['E']:.6f}", flush=True)

    result = {
        "data": args.data,
        "rows_total": total_rows,
        "rows_kept": int(logL.size),
        "loss_threshold": threshold,
        "delta": DELTA,
        "v1": v1,
        "huber_fit": {
            "objective": float(best.fun),
            "log_params": {k: float(v) for k, v in zip(PARAM_ORDER, theta_h)},
            "parameters": {k: float(v) for k, v in nat_h.items()},
            "starts": n_starts,
            "converged_starts": n_conv,
            "iterations": int(n_iter),
            "evaluations": int(n_fev),
        },
        "objective": float(best.fun),
    }

    if not args.starts_only:
        # --- MLE
        t = time.perf_counter()
        mle, ls0 = fit_mle(theta_h, logN, logD, logL)
        wall["mle"] = time.perf_counter() - t
        theta_m = mle.x[:5]
        nat_m = natural(theta_m)
        print(f"[mle]       {wall['mle']:.3f} s   BFGS success={mle.success} ({mle.message}), "
              f"nit {mle.nit}, start log sigma {ls0:.6f}", flush=True)
        print(f"            NLL {mle.fun:.6f}  log sigma {mle.x[5]:.6f} "
              f"(expected {EXPECTED_MLE['log_sigma']})")
        for k in ("A", "B", "E", "alpha", "beta"):
            print(f"            {k:6s} {nat_m[k]:.6g}  (expected {EXPECTED_MLE[k]})")
        result["mle"] = {
            "nll": float(mle.fun),
            "log_likelihood": float(-mle.fun),
            "log_sigma": float(mle.x[5]),
            "start_log_sigma": ls0,
            "success": bool(mle.success),
            "message": str(mle.message),
            "iterations": int(mle.nit),
            "huber_objective": float(huber_value(theta_m, logN, logD, logL)),
            "log_params": {k: float(v) for k, v in zip(PARAM_ORDER, theta_m)},
        }
        params = {k: {"estimate": float(v)} for k, v in nat_m.items()}

        # --- bootstrap
        if args.bootstrap > 0:
            t = time.perf_counter()
            samples, n_ok = bootstrap(theta_m, logN, logD, logL, args.bootstrap, args.seed)
            wall["bootstrap"] = time.perf_counter() - t
            print(f"[bootstrap] {wall['bootstrap']:.3f} s   {args.bootstrap} resamples, "
                  f"{n_ok} BFGS reported success", flush=True)
            nat_s = natural_samples(samples)
            for k in ("A", "B", "E", "alpha", "beta"):
                s = nat_s[k]
                se = float(np.std(s, ddof=1))
                lo, hi = (float(v) for v in np.percentile(s, [2.5, 97.5]))
                params[k]["se"] = se
                params[k]["ci"] = [lo, hi]
                elo, ehi = EXPECTED_CI[k]
                print(f"            {k:6s} SE {se:.6g} (expected {EXPECTED_SE[k]})   "
                      f"95% CI [{lo:.6g}, {hi:.6g}] (expected [{elo}, {ehi}])")
            log_se = np.std(samples[:, :3], axis=0, ddof=1)
            print(f"            log-space SE a {log_se[0]:.4f}  b {log_se[1]:.4f}  e {log_se[2]:.4f}")
            result["bootstrap"] = {
                "resamples": args.bootstrap,
                "seed": args.seed,
                "rng": "numpy.random.default_rng(seed).integers(0, n, size=n) per resample",
                "start": "MLE point estimate",
                "optimizer": "scipy BFGS, plain Huber-sum objective, analytic gradient",
                "bfgs_success": n_ok,
                "log_space_se": {"a": float(log_se[0]), "b": float(log_se[1]), "e": float(log_se[2])},
            }
        result["parameters"] = params

    wall["total"] = time.perf_counter() - t_total
    result["wall_seconds"] = wall
    print("[wall]      " + "  ".join(f"{k} {v:.3f} s" for k, v in wall.items()), flush=True)

    if args.out:
        with open(args.out, "w") as fh:
            json.dump(result, fh, indent=2)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
