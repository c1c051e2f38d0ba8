#!/usr/bin/python3
"""Synthetic logistic-regression data for the multiplicity benchmark.

Rows x ~ N(0, I_d) (numpy default_rng(seed)); true coefficients beta_j ~ N(0, 1) scaled so that the linear
predictor has standard deviation --signal (default 1.5, "moderate": Bayes accuracy about 0.75, far from
separable, so lambda = 0 has a finite optimum), intercept --intercept (default -0.25); y ~ Bernoulli(sigma(b0 + x'beta)).
Columns x1..xd, y. Values are written with 6 decimals.

Usage:
  /usr/bin/python3 make_synthetic.py OUT.csv [--rows 50000] [--features 50] [--seed 20260101]
"""

import argparse
import sys

import numpy as np


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output CSV path")
    ap.add_argument("--rows", type=int, default=50000)
    ap.add_argument("--features", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--signal", type=float, default=1.5, help="SD of the true linear predictor")
    ap.add_argument("--intercept", type=float, default=-0.25)
    args = ap.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    d, n = args.features, args.rows
    beta = rng.standard_normal(d)
    beta *= args.signal / np.linalg.norm(beta)  # Var(x'beta) = ||beta||^2 for x ~ N(0, I)
    X = rng.standard_normal((n, d))
    X = np.round(X, 6)
    z = args.intercept + X @ beta
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-z))).astype(int)

    header = ",".join([f"x{j + 1}" for j in range(d)] + ["y"])
    data = np.column_stack([X, y])
    fmt = ["%.6f"] * d + ["%d"]
    np.savetxt(args.out, data, delimiter=",", header=header, comments="", fmt=fmt)
    print(f"wrote {args.out}: {n} rows, {d} features, positive rate {y.mean():.4f}, seed {args.seed}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
