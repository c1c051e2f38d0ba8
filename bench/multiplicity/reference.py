#!/usr/bin/python3
"""Python reference of exact viable prediction ranges (VPRs) for logistic regression (spec: multiplicity.md
sections 1, 2 and 7), written from the spec for a side-by-side speed comparison with `mixlab multiplicity`.

Uses only NumPy and SciPy (Debian python3-numpy, python3-scipy); run it with /usr/bin/python3.

Model and conventions (spec section 2):
  x includes an intercept (first coordinate, never penalised); s_i = 2 y_i - 1;
  L(w) = (1/n) sum_i log(1 + exp(-s_i x_i'w)) + lambda * ||w[1:]||^2   (natural log; epsilon is an absolute gap in L);
  w0 = argmin L (damped Newton), L0 = L(w0); h(x) = sigma(x'w).
  VPR_eps(x) = [sigma(t_lo), sigma(t_hi)], t_hi = max x'w and t_lo = min x'w over {w : L(w) <= L0 + eps}.

Endpoints by the Lagrangian path (method C, spec 2.3), for each point x and each direction v = +x (t_hi) and
v = -x (t_lo):
  w(nu) = argmin_w L(w) - nu v'w (nu > 0), by damped Newton (Armijo backtracking) warm-started along the path
  with the first-order predictor w + d_nu H^-1 v;
  phi(nu) = L(w(nu)) - L0 is non-decreasing; solve phi(nu) = eps by safeguarded Newton on u = log nu applied to
  log phi(e^u) - log eps, using d phi / d nu = nu v' H(w(nu))^-1 v, keeping a bracket and bisecting whenever the
  Newton step leaves it. Start: the quadratic (Wald) guess nu = sqrt(2 eps / v'H0^-1 v); the epsilons are
  processed in increasing order, each warm-started from the previous one. Each solution w(nu) is an exact
  extremal model for eps' = phi(nu), so the only errors are the stopping tolerances (|phi/eps - 1| <= --tol and
  the inner Newton decrement).
  With lambda = 0 the tilted problem may have no minimiser (spec 2.3, 2.5): the inner solve then diverges, the
  point is treated as "nu too large", and if the bracket collapses onto that boundary with phi still below eps
  the endpoint is reported as the limit 0 or 1.
  Identical rows are solved once (spec 2.2, "compress to unique rows").

Measures (spec 1.6): width = max - min; probabilistic ambiguity at delta:
  (1/n) sum_i 1[max(h0_i - lo_i, hi_i - h0_i) >= delta].

Usage:
  /usr/bin/python3 reference.py DATA.csv --target COL [--features a,b,c] [--id COL] [--standardize]
        [--lambda 0] [--epsilon 1e-3,1e-2] [--out ranges.csv] [--summary summary.json] [--max-points K]
  /usr/bin/python3 reference.py --self-check [--breast-cancer PATH]     (spec section 7, checks 1, 2a, 3, 4, 5)

--max-points K computes the ranges of the first K rows only (all rows still enter the loss) and extrapolates the
wall time of the VPR phase to all rows; the summary then describes those K rows and says so.
"""

import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np
from scipy.linalg import cho_factor, cho_solve, LinAlgError
from scipy.special import expit

DELTA_AMBIGUITY = 0.1
WIDTH_SHARES = (0.1, 0.2, 0.5)


# ----------------------------------------------------------------------------------------------
# Loss, gradient, Hessian
# ----------------------------------------------------------------------------------------------
class Logistic:
    """L(w) = mean log-loss + lam * ||w[1:]||^2 on a design X whose first column is the intercept."""

    def __init__(self, X, y, lam):
        self.X = np.ascontiguousarray(X, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self.s = 2.0 * self.y - 1.0
        self.n, self.p = self.X.shape
        self.lam = float(lam)
        self.pen = np.full(self.p, 2.0 * self.lam)
        self.pen[0] = 0.0  # intercept unpenalised
        self.n_value = 0  # loss-only evaluations (line search)
        self.n_hess = 0   # loss + gradient + Hessian evaluations (one per Newton iteration)

    def value(self, w):
        self.n_value += 1
        m = self.s * (self.X @ w)
        return float(np.logaddexp(0.0, -m).mean()) + self.lam * float(w[1:] @ w[1:])

    def value_grad_hess(self, w):
        self.n_hess += 1
        z = self.X @ w
        m = self.s * z
        f = float(np.logaddexp(0.0, -m).mean()) + self.lam * float(w[1:] @ w[1:])
        pr = expit(z)
        g = self.X.T @ (pr - self.y) / self.n + self.pen * w
        c = pr * (1.0 - pr) / self.n
        H = (self.X.T * c) @ self.X
        H[np.diag_indices_from(H)] += self.pen
        return f, g, H


class InnerFailure(Exception):
    """The tilted problem has no (reachable) minimiser: Newton diverged or did not converge."""


def damped_newton(obj, w, nu, v, dec_tol=1e-20, max_iter=100, w_max=1e8):
    """Minimise F(w) = L(w) - nu v'w by Newton with Armijo backtracking.

    Returns (w, F, L, Cholesky factor of H(w)) at the converged w (the Hessian is the one at the returned point).
    Converged when the squared Newton decrement g'H^-1 g <= dec_tol.
    """
    w = np.array(w, dtype=float)
    for _ in range(max_iter):
        L, g, H = obj.value_grad_hess(w)
        F = L - nu * float(v @ w)
        g = g - nu * v
        try:
            ch = cho_factor(H, lower=False, check_finite=True)
        except (LinAlgError, ValueError):
            raise InnerFailure("Hessian not positive definite")
        step = cho_solve(ch, g)
        dec2 = float(g @ step)
        if not np.isfinite(dec2):
            raise InnerFailure("non-finite Newton step")
        if dec2 <= dec_tol:
            return w, F, L, ch
        if dec2 < 1e-10:
            w = w - step  # quadratic region: full step (F differences are at rounding level here)
        else:
            t = 1.0
            while True:
                w_new = w - t * step
                F_new = obj.value(w_new) - nu * float(v @ w_new)
                if F_new <= F - 0.25 * t * dec2:
                    break
                t *= 0.5
                if t < 1e-14:
                    raise InnerFailure("line search failed")
            w = w_new
        if not np.all(np.isfinite(w)) or np.max(np.abs(w)) > w_max:
            raise InnerFailure("diverged (no minimiser of the tilted loss)")
    raise InnerFailure("no convergence within max_iter")


def fit_baseline(obj):
    w0, F, L0, ch = damped_newton(obj, np.zeros(obj.p), 0.0, np.zeros(obj.p), dec_tol=1e-24, max_iter=200)
    return w0, L0, ch


# ----------------------------------------------------------------------------------------------
# Endpoints along the Lagrangian path
# ----------------------------------------------------------------------------------------------
def path_endpoints(obj, w0, L0, ch0, v, eps_sorted, tol=1e-9, max_outer=200):
    """For direction v, return [(v'w at the extremal model, phi achieved, status)] for each eps (ascending).

    status: 'ok', or 'limit' (no finite endpoint: v'w -> +inf inside the level set).
    """
    out = []
    Hinv_v0 = cho_solve(ch0, v)
    q0 = float(v @ Hinv_v0)
    # last accepted path point (lower side of the next eps): nu, w, H^-1 v
    nu_a, w_a, hv_a = 0.0, w0, Hinv_v0
    eps_prev = None
    for eps in eps_sorted:
        lo_u, hi_u = -math.inf, math.inf
        lo_pt = (nu_a, w_a, hv_a) if nu_a > 0 else None
        if nu_a > 0:
            lo_u = math.log(nu_a)
        hi_failed = False
        if eps_prev is None or nu_a <= 0:
            nu = math.sqrt(2.0 * eps / q0)
        else:
            nu = nu_a * math.sqrt(eps / eps_prev)
        u = math.log(nu)
        w_init = w_a + (nu - nu_a) * hv_a
        result = None
        for _ in range(max_outer):
            nu = math.exp(u)
            try:
                w, F, L, ch = damped_newton(obj, w_init, nu, v)
            except InnerFailure:
                hi_u, hi_failed = u, True
                if lo_pt is not None:
                    base_nu, base_w, base_hv = lo_pt
                else:
                    base_nu, base_w, base_hv = 0.0, w0, Hinv_v0
                if lo_u > -math.inf and hi_u - lo_u < 1e-12:
                    result = (math.inf, math.nan, "limit")
                    break
                u = 0.5 * (lo_u + hi_u) if lo_u > -math.inf else u - 1.0
                w_init = base_w + (math.exp(u) - base_nu) * base_hv
                continue
            phi = L - L0
            hv = cho_solve(ch, v)
            if phi > 0 and abs(phi - eps) <= tol * eps:
                result = (float(v @ w), phi, "ok")
                nu_a, w_a, hv_a = nu, w, hv
                break
            if phi < eps:
                lo_u, lo_pt = u, (nu, w, hv)
            else:
                hi_u, hi_failed = u, False
            if hi_failed and hi_u - lo_u < 1e-12:
                result = (math.inf, phi, "limit")
                break
            if phi <= 0:  # rounding at tiny nu: just move up
                u_new = u + 1.0
            else:
                slope = nu * nu * float(v @ hv) / phi  # d log phi / d log nu
                u_new = u - math.log(phi / eps) / slope
            if not (lo_u < u_new < hi_u) or not np.isfinite(u_new):
                if lo_u > -math.inf and hi_u < math.inf:
                    u_new = 0.5 * (lo_u + hi_u)
                elif lo_u > -math.inf:
                    u_new = lo_u + 1.0
                else:
                    u_new = hi_u - 1.0
            w_init = w + (math.exp(u_new) - nu) * hv
            u = u_new
        if result is None:
            raise RuntimeError(f"outer root-find did not converge for eps={eps}")
        out.append(result)
        eps_prev = eps
        if result[2] == "limit":
            # larger eps are also unbounded in this direction
            for _ in eps_sorted[len(out):]:
                out.append((math.inf, math.nan, "limit"))
            break
    return out


def compute_vprs(obj, w0, L0, ch0, points, eps_list, tol=1e-9, progress=None):
    """VPRs of each row of `points` (intercept included) for each eps.

    Returns lo, hi (probabilities, shape (k, n_eps)), gaps (phi achieved, shape (k, n_eps, 2)) and the number of
    'limit' endpoints.
    """
    order = np.argsort(eps_list)
    eps_sorted = [float(eps_list[j]) for j in order]
    uniq, inverse = np.unique(points, axis=0, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    k_u = uniq.shape[0]
    lo_u = np.empty((k_u, len(eps_list)))
    hi_u = np.empty((k_u, len(eps_list)))
    gaps_u = np.empty((k_u, len(eps_list), 2))
    n_limit = 0
    t_start = time.perf_counter()
    # keep the first-appearance order so that progress and --max-points timing follow the input order
    first_seen = np.full(k_u, len(inverse))
    np.minimum.at(first_seen, inverse, np.arange(len(inverse)))
    for done, a in enumerate(np.argsort(first_seen, kind="stable")):
        x = uniq[a]
        up = path_endpoints(obj, w0, L0, ch0, x, eps_sorted, tol)
        dn = path_endpoints(obj, w0, L0, ch0, -x, eps_sorted, tol)
        for j_sorted, j in enumerate(order):
            t_hi, g_hi, st_hi = up[j_sorted]
            t_lo_neg, g_lo, st_lo = dn[j_sorted]
            n_limit += (st_hi == "limit") + (st_lo == "limit")
            hi_u[a, j] = expit(t_hi) if st_hi == "ok" else 1.0
            lo_u[a, j] = expit(-t_lo_neg) if st_lo == "ok" else 0.0
            gaps_u[a, j] = (g_lo, g_hi)
        if progress and (done + 1) % progress == 0:
            el = time.perf_counter() - t_start
            print(f"[progress]  {done + 1}/{k_u} unique points, {el:.1f} s, "
                  f"{el / (done + 1) * 1e3:.2f} ms/point, ETA {el / (done + 1) * (k_u - done - 1):.0f} s",
                  file=sys.stderr, flush=True)
    return lo_u[inverse], hi_u[inverse], gaps_u[inverse], n_limit, k_u


def measures(h0, lo, hi, delta=DELTA_AMBIGUITY):
    width = hi - lo
    dev = np.maximum(h0 - lo, hi - h0)
    res = {
        "mean_width": float(width.mean()),
        "median_width": float(np.median(width)),
        "max_width": float(width.max()),
    }
    for c in WIDTH_SHARES:
        res[f"share_width_ge_{c}"] = float(np.mean(width >= c))
    res[f"ambiguity_delta_{delta}"] = float(np.mean(dev >= delta))
    return res


# ----------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------
def read_csv(path):
    with open(path, newline="") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        rows = [r for r in rd if r]
    cols = {}
    for j, name in enumerate(header):
        vals = [r[j] for r in rows]
        try:
            cols[name] = np.array([float(v) for v in vals])
        except ValueError:
            cols[name] = vals
    return header, cols


def prepare(path, target, features=None, id_col=None, standardize=False):
    header, cols = read_csv(path)
    if target not in cols:
        raise SystemExit(f"reference.py: target column '{target}' not in {path}")
    if features:
        feats = [f.strip() for f in features.split(",") if f.strip()]
        missing = [f for f in feats if f not in cols]
        if missing:
            raise SystemExit(f"reference.py: feature columns not found: {missing}")
    else:
        feats = [h for h in header if h not in (target, id_col) and isinstance(cols[h], np.ndarray)]
    y = cols[target]
    if not isinstance(y, np.ndarray) or not np.all((y == 0) | (y == 1)):
        raise SystemExit(f"reference.py: target '{target}' must be 0/1")
    F = np.column_stack([cols[f] for f in feats]) if feats else np.empty((len(y), 0))
    if standardize and F.shape[1]:
        mu = F.mean(axis=0)
        sd = F.std(axis=0)  # population SD (ddof = 0)
        sd[sd == 0] = 1.0
        F = (F - mu) / sd
    X = np.column_stack([np.ones(len(y)), F])
    ids = cols[id_col] if id_col else None
    return X, y, feats, ids


# ----------------------------------------------------------------------------------------------
# Main run
# ----------------------------------------------------------------------------------------------
def run(args):
    wall = {}
    t_total = time.perf_counter()
    eps_list = [float(e) for e in args.epsilon.split(",")]

    t = time.perf_counter()
    X, y, feats, ids = prepare(args.data, args.target, args.features, args.id, args.standardize)
    wall["load"] = time.perf_counter() - t
    n = len(y)
    print(f"[load]      {wall['load']:.3f} s   {n} rows, {len(feats)} features"
          f"{' (standardised, population SD)' if args.standardize else ''}, target {args.target}", flush=True)

    t = time.perf_counter()
    obj = Logistic(X, y, args.lam)
    w0, L0, ch0 = fit_baseline(obj)
    h0 = expit(X @ w0)
    acc = float(np.mean((h0 >= 0.5) == (y == 1)))
    wall["fit"] = time.perf_counter() - t
    print(f"[fit]       {wall['fit']:.3f} s   lambda {args.lam:g}: L0 {L0:.8f}, training accuracy {acc:.4f}",
          flush=True)

    k = n if args.max_points is None else min(n, args.max_points)
    obj.n_value = obj.n_hess = 0
    t = time.perf_counter()
    lo, hi, gaps, n_limit, k_unique = compute_vprs(obj, w0, L0, ch0, X[:k], eps_list, args.tol, args.progress)
    wall["vpr"] = time.perf_counter() - t
    wall["total"] = time.perf_counter() - t_total
    print(f"[vpr]       {wall['vpr']:.3f} s   {k} points ({k_unique} unique), {len(eps_list)} epsilon(s), "
          f"{wall['vpr'] / max(k_unique, 1) * 1e3:.2f} ms per unique point, {n_limit} limit endpoints", flush=True)
    print(f"            {obj.n_hess / max(k_unique, 1):.1f} Hessian evaluations (Newton iterations) and "
          f"{obj.n_value / max(k_unique, 1):.1f} line-search loss evaluations per unique point", flush=True)

    extrap = None
    if k < n:
        n_unique_all = np.unique(X, axis=0).shape[0]
        vpr_all = wall["vpr"] / k_unique * n_unique_all
        extrap = {"points_timed": k, "points_total": n, "unique_points_total": int(n_unique_all),
                  "vpr_seconds_extrapolated": vpr_all,
                  "total_seconds_extrapolated": wall["total"] - wall["vpr"] + vpr_all}
        print(f"[extrap]    EXTRAPOLATED from the first {k} points: VPR phase {vpr_all:.1f} s, "
              f"whole run {extrap['total_seconds_extrapolated']:.1f} s for all {n} rows", flush=True)

    per_eps = []
    for j, eps in enumerate(eps_list):
        m = measures(h0[:k], lo[:, j], hi[:, j])
        g = gaps[:, j, :]
        g = g[np.isfinite(g)]
        m["epsilon"] = eps
        m["max_rel_gap_error"] = float(np.max(np.abs(g / eps - 1.0))) if g.size else None
        per_eps.append(m)
        print(f"[eps {eps:g}]  mean width {m['mean_width']:.5f}  median {m['median_width']:.5f}  "
              f"max {m['max_width']:.5f}  share>=0.1/0.2/0.5 {m['share_width_ge_0.1']:.4f}/"
              f"{m['share_width_ge_0.2']:.4f}/{m['share_width_ge_0.5']:.4f}  "
              f"ambiguity(delta {DELTA_AMBIGUITY}) {m[f'ambiguity_delta_{DELTA_AMBIGUITY}']:.4f}  "
              f"max |gap/eps-1| {m['max_rel_gap_error']:.1e}", flush=True)

    if args.out:
        with open(args.out, "w", newline="") as fh:
            wr = csv.writer(fh)
            wr.writerow(["row"] + (["id"] if ids is not None else []) + ["prediction", "min", "max", "width"])
            for i in range(k):
                rec = [i] + ([ids[i]] if ids is not None else [])
                rec += [repr(float(h0[i])), repr(float(lo[i, 0])), repr(float(hi[i, 0])),
                        repr(float(hi[i, 0] - lo[i, 0]))]
                wr.writerow(rec)
        print(f"wrote {args.out} (epsilon {eps_list[0]:g}, row = 0-based input row)")
    if args.summary:
        summary = {
            "data": args.data, "target": args.target, "features": feats, "standardize": args.standardize,
            "lambda": args.lam, "n": n, "d": len(feats),
            "L0": L0, "accuracy": acc, "w0": [float(v) for v in w0],
            "points_computed": k, "unique_points_computed": int(k_unique), "limit_endpoints": int(n_limit),
            "ambiguity_convention": f"max(h0 - lo, hi - h0) >= {DELTA_AMBIGUITY}",
            "method": "Lagrangian path (spec 2.3): damped Newton inner, Newton on log nu outer",
            "tol": args.tol,
            "hessian_evaluations_per_unique_point": obj.n_hess / max(k_unique, 1),
            "line_search_evaluations_per_unique_point": obj.n_value / max(k_unique, 1),
            "epsilons": per_eps,
            "wall_seconds": wall,
        }
        if extrap:
            summary["extrapolation"] = extrap
        with open(args.summary, "w") as fh:
            json.dump(summary, fh, indent=2)
        print(f"wrote {args.summary}")
    print("[wall]      " + "  ".join(f"{k_} {v:.3f} s" for k_, v in wall.items()), flush=True)
    return 0


# ----------------------------------------------------------------------------------------------
# Self-check against spec section 7
# ----------------------------------------------------------------------------------------------
CHECK1 = {0.01: (0.238138, 0.367162), 0.05: (0.171262, 0.454597), 0.10: (0.129130, 0.521028)}
CHECK2A = {0.001: ((0.476443, 0.523557), (0.429641, 0.570359)),
           0.01: ((0.425877, 0.574123), (0.287121, 0.712879)),
           0.05: ((0.337858, 0.662142), (0.102470, 0.897530))}
CHECK3_X = [[0, 0], [1, .5], [2, 1], [.5, 2], [1.5, 1.5], [2.5, 0], [0, 1], [3, 2]]
CHECK3_Y = [0, 0, 1, 0, 1, 1, 1, 1]
CHECK3_W0 = (-1.617658, 1.632869, 0.361533)
CHECK3_L0 = 0.44869089
CHECK3 = [(0.16553, 0.02531, 0.48934), (0.54884, 0.29803, 0.78067), (0.88180, 0.69319, 0.97637),
          (0.48047, 0.16362, 0.80791), (0.79802, 0.57288, 0.93859), (0.92162, 0.64395, 0.99368),
          (0.22164, 0.06520, 0.47955), (0.98208, 0.85219, 0.99919)]
CHECK3_PATH = [(0.05, 0.028117, 0.398340), (0.1, 0.103193, 0.642846), (0.2, 0.866275, 0.994335)]
# check 4: lambda -> (L0, accuracy, {eps: (mean, median, max, share>=.1, >=.2, >=.5, ambiguity)})
CHECK4 = {
    0.0: (0.12840986, 0.9490, {
        1e-4: (0.01717, 0.00227, 0.25975, 0.0369, 0.0035, 0, 0.0035),
        1e-3: (0.05438, 0.00763, 0.70141, 0.1810, 0.1107, 0.0053, 0.1301),
        1e-2: (0.17798, 0.05243, 0.99780, 0.3743, 0.2847, 0.1529, 0.3585),
        0.0033756: (0.10058, None, None, None, None, None, None)}),
    0.01: (0.19508282, 0.9385, {
        1e-4: (0.01626, 0.00847, 0.15128, 0.0018, 0, 0, 0),
        1e-3: (0.05148, 0.02740, 0.44964, 0.1880, 0.0246, 0, 0.0351),
        1e-2: (0.16466, 0.09860, 0.91813, 0.4974, 0.3163, 0.0562, 0.4060)}),
}
BC_FEATURES = ("mean_radius,mean_texture,mean_perimeter,mean_area,mean_smoothness,mean_compactness,"
               "mean_concavity,mean_concave_points,mean_symmetry,mean_fractal_dimension")


def _vprs_for(X, y, lam, eps_list, tol=1e-10):
    obj = Logistic(X, y, lam)
    w0, L0, ch0 = fit_baseline(obj)
    lo, hi, gaps, n_limit, _ = compute_vprs(obj, w0, L0, ch0, X, eps_list, tol)
    return obj, w0, L0, ch0, lo, hi, gaps


def self_check(bc_path):
    ok = True

    def verdict(cond):
        nonlocal ok
        ok = ok and bool(cond)
        return "ok" if cond else "MISMATCH"

    # Check 1: intercept only, n = 10, 3 positives.
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], float)
    X = np.ones((10, 1))
    eps = list(CHECK1)
    _, _, _, _, lo, hi, _ = _vprs_for(X, y, 0.0, eps)
    err = max(max(abs(lo[0, j] - CHECK1[e][0]), abs(hi[0, j] - CHECK1[e][1])) for j, e in enumerate(eps))
    print(f"check 1 (intercept only, KL ball): max |endpoint - spec| = {err:.1e}  {verdict(err < 1e-6)}")

    # Check 2a: majority 90 rows (45 pos), minority 10 rows (5 pos), indicator + intercept.
    g = np.r_[np.zeros(90), np.ones(10)]
    y = np.r_[np.tile([1.0, 0.0], 45), np.tile([1.0, 0.0], 5)]
    X = np.column_stack([np.ones(100), g])
    eps = list(CHECK2A)
    _, _, _, _, lo, hi, _ = _vprs_for(X, y, 0.0, eps)
    err = 0.0
    for j, e in enumerate(eps):
        (a_lo, a_hi), (b_lo, b_hi) = CHECK2A[e]
        err = max(err, abs(lo[0, j] - a_lo), abs(hi[0, j] - a_hi), abs(lo[-1, j] - b_lo), abs(hi[-1, j] - b_hi))
    print(f"check 2a (majority/minority): max |endpoint - spec| = {err:.1e}  {verdict(err < 1e-6)}")

    # Check 3: tiny two-feature problem, eps = 0.05.
    X = np.column_stack([np.ones(8), np.array(CHECK3_X, float)])
    y = np.array(CHECK3_Y, float)
    obj, w0, L0, ch0, lo, hi, gaps = _vprs_for(X, y, 0.0, [0.05])
    h0 = expit(X @ w0)
    print(f"check 3: w0 = ({', '.join(f'{v:.6f}' for v in w0)}) (spec {CHECK3_W0}), L0 = {L0:.8f} "
          f"(spec {CHECK3_L0})  {verdict(abs(L0 - CHECK3_L0) < 1e-8 and np.max(np.abs(w0 - CHECK3_W0)) < 1e-6)}")
    print("| i | h0 | VPR (this) | VPR (spec, methods A/B) | max abs diff |")
    print("|---|---|---|---|---|")
    err3 = 0.0
    for i, (e_h0, e_lo, e_hi) in enumerate(CHECK3):
        d = max(abs(h0[i] - e_h0), abs(lo[i, 0] - e_lo), abs(hi[i, 0] - e_hi))
        err3 = max(err3, d)
        print(f"| {i} | {h0[i]:.5f} | [{lo[i, 0]:.5f}, {hi[i, 0]:.5f}] | [{e_lo:.5f}, {e_hi:.5f}] | {d:.1e} |")
    print(f"check 3 table: max abs diff {err3:.1e} (spec rounds to 5 decimals)  {verdict(err3 <= 6e-6)}")
    # the path points quoted in spec 2.3 for point 0
    x0 = X[0]
    w = w0.copy()
    perr = 0.0
    for nu, e_eps, e_h in CHECK3_PATH:
        w, F, L, ch = damped_newton(obj, w, nu, x0)
        perr = max(perr, abs((L - L0) - e_eps), abs(expit(x0 @ w) - e_h))
        print(f"  path nu={nu}: eps' = {L - L0:.6f} (spec {e_eps}), sigma(x'w) = {expit(x0 @ w):.6f} (spec {e_h})")
    print(f"check 3 path points (spec 2.3): max abs diff {perr:.1e}  {verdict(perr < 1e-6)}")
    print(f"check 5 (gap = eps): max |gap/eps - 1| = {np.max(np.abs(gaps / 0.05 - 1)):.1e}; "
          f"h0 inside VPR: {verdict(np.all((lo[:, 0] <= h0) & (h0 <= hi[:, 0])))}")

    # Check 4: breast cancer, first 10 columns standardised.
    if bc_path:
        if not os.path.exists(bc_path):
            print(f"check 4: {bc_path} not found; skipped")
        else:
            X, y, feats, _ = prepare(bc_path, "benign", BC_FEATURES, None, True)
            for lam, (e_L0, e_acc, table) in CHECK4.items():
                eps = sorted(table)
                t = time.perf_counter()
                obj, w0, L0, ch0, lo, hi, gaps = _vprs_for(X, y, lam, eps, tol=1e-9)
                el = time.perf_counter() - t
                h0 = expit(X @ w0)
                acc = float(np.mean((h0 >= 0.5) == (y == 1)))
                print(f"check 4, lambda {lam}: L0 {L0:.8f} (spec {e_L0}), accuracy {acc:.4f} (spec {e_acc}) "
                      f"{verdict(abs(L0 - e_L0) < 1e-8 and abs(acc - e_acc) < 1e-4)}   [{el:.1f} s]")
                print("| eps | mean | median | max | >=0.1 | >=0.2 | >=0.5 | ambiguity | spec (same order) | "
                      "max |gap/eps-1| | verdict |")
                print("|---|---|---|---|---|---|---|---|---|---|---|")
                for j, e in enumerate(eps):
                    m = measures(h0, lo[:, j], hi[:, j])
                    got = (m["mean_width"], m["median_width"], m["max_width"], m["share_width_ge_0.1"],
                           m["share_width_ge_0.2"], m["share_width_ge_0.5"], m["ambiguity_delta_0.1"])
                    exp = table[e]
                    good = True
                    for idx, (a, b) in enumerate(zip(got, exp)):
                        if b is None:
                            continue
                        # widths quoted to 5 decimals, shares to 4 (one row = 1/569 = 0.0018)
                        tol_ = 6e-6 if idx < 3 else 6e-5
                        good = good and abs(a - b) <= tol_
                    gap = float(np.max(np.abs(gaps[:, j, :] / e - 1)))
                    fmt = lambda v: "-" if v is None else f"{v:.5g}"
                    print(f"| {e:g} | " + " | ".join(f"{v:.5f}" if i_ < 3 else f"{v:.4f}" for i_, v in enumerate(got))
                          + " | " + ", ".join(fmt(v) for v in exp) + f" | {gap:.1e} | {verdict(good)} |")
    print("SELF-CHECK " + ("PASSED" if ok else "FAILED"))
    return 0 if ok else 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", help="CSV with a header row")
    ap.add_argument("--target", help="0/1 target column")
    ap.add_argument("--features", default=None,
                    help="comma list of feature columns (default: all numeric columns except target and --id)")
    ap.add_argument("--id", default=None, help="optional id column (copied to ranges.csv, never a feature)")
    ap.add_argument("--standardize", action="store_true", help="standardise features (population SD)")
    ap.add_argument("--lambda", dest="lam", type=float, default=0.0, help="penalty lambda * ||w[1:]||^2")
    ap.add_argument("--epsilon", default="1e-3", help="comma list of absolute gaps in mean log-loss")
    ap.add_argument("--out", default=None, help="ranges CSV (first epsilon): row, prediction, min, max, width")
    ap.add_argument("--summary", default=None, help="summary JSON")
    ap.add_argument("--max-points", type=int, default=None,
                    help="compute ranges for the first K rows only and extrapolate the time")
    ap.add_argument("--tol", type=float, default=1e-9, help="stop when |phi(nu)/eps - 1| <= tol")
    ap.add_argument("--progress", type=int, default=0, help="print progress every N unique points (stderr)")
    ap.add_argument("--self-check", action="store_true", help="run spec section 7 checks 1, 2a, 3, 5 (and 4)")
    ap.add_argument("--breast-cancer", default=None, help="breast-cancer CSV for check 4 in --self-check")
    args = ap.parse_args(argv)
    if args.self_check:
        return self_check(args.breast_cancer)
    if not args.data or not args.target:
        ap.error("DATA and --target are required (or use --self-check)")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
