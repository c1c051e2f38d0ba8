#!/usr/bin/env bash
# Side-by-side speed benchmark: `mixlab multiplicity` vs a NumPy/SciPy reference of exact viable prediction
# ranges for logistic regression (multiplicity.md sections 1, 2.3 and 7; checks 3 and 4).
#
# Usage (from anywhere):   bash bench/multiplicity/run.sh
# Cases (all lambda = 0, features standardised with the population SD):
#   breast_cancer     ../shared/data/breast_cancer_wisconsin.csv, target benign, first 10 columns, eps 1e-3,1e-2
#   synthetic_5000    make_synthetic.py --rows 5000  (x1..x50, y), eps 1e-3
#   synthetic_50000   make_synthetic.py --rows 50000 (x1..x50, y), eps 1e-3
# Environment:
#   OUT=dir               output folder, relative to the repo root (default bench/multiplicity/out)
#   CASES="a b"           subset of the cases above (default: all three)
#   PY_MAX_POINTS_50K=500 the Python reference computes the ranges of the first 500 rows of synthetic_50000
#                         only and extrapolates its time (all rows take hours); set it empty for the full run
#   PY_MAX_POINTS_5K=K    the same for synthetic_5000 (default empty: all rows)
#   MIXLAB_TIMEOUT=secs   stop a MixLab run after this many seconds (reported as "timed out"); default none
#   REBUILD=1             rebuild MixLab in Release even if the dll exists
#   SKIP_MIXLAB=1 / SKIP_PYTHON=1   reuse the results already in $OUT for that side
#
# If the `multiplicity` verb is not in the built mixlab.dll yet, the MixLab side is skipped with a message and
# only the Python side is timed.
#
# Prints a markdown table: wall seconds of each side (whole command, date +%s.%N), MixLab's CPU seconds (user + sys,
# from /usr/bin/time when present) and the load average before/after its run, the ratio python/mixlab and
# the agreement of the ranges (max absolute difference of min and of max over all compared rows, first epsilon).
set -euo pipefail

# --- MixLab command line: every option name in one place ------------------------------------------------
MIX_VERB=multiplicity
MIX_OPT_TARGET=--target
MIX_OPT_EPSILON=--epsilon          # value: comma list, e.g. 1e-3,1e-2
MIX_OPT_LAMBDA=--lambda
MIX_OPT_STANDARDIZE=--standardize
MIX_OPT_FEATURES=--features        # value: comma list of column names
MIX_OPT_OUT=--out                  # value: output folder (a file path is accepted too)
MIX_EXTRA_OPTS=(--no-plots)
MIX_RANGES_FILE=ranges.csv         # name of the ranges table inside the output folder
# ----------------------------------------------------------------------------------------------------------

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

OUT="${OUT:-bench/multiplicity/out}"
CASES="${CASES:-breast_cancer synthetic_5000 synthetic_50000}"
PY_MAX_POINTS_50K="${PY_MAX_POINTS_50K-500}"
PY_MAX_POINTS_5K="${PY_MAX_POINTS_5K-}"
PY=/usr/bin/python3
DLL=src/MixLab.Cli/bin/Release/net10.0/mixlab.dll
BENCH=bench/multiplicity
BC_DATA=../shared/data/breast_cancer_wisconsin.csv
LAMBDA=0

mkdir -p "$OUT"

# --- Debian Python with NumPy and SciPy (not the pyenv python) ---------------------------------------
if ! "$PY" -c 'import numpy, scipy' >/dev/null 2>&1; then
  echo "installing python3-numpy python3-scipy libopenblas0-pthread ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends python3 python3-numpy python3-scipy libopenblas0-pthread >&2
fi

now() { date +%s.%N; }
elapsed() { "$PY" -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }

# --- Is the MixLab verb there? -------------------------------------------------------------------------
MIXLAB_OK=0
if [ "${SKIP_MIXLAB:-0}" != "1" ]; then
  if [ "${REBUILD:-0}" = "1" ] || [ ! -f "$DLL" ]; then
    echo "building MixLab (Release) ..." >&2
    dotnet build MixLab.sln -c Release >&2 || echo "run.sh: dotnet build MixLab.sln -c Release failed" >&2
  fi
  if [ ! -f "$DLL" ]; then
    echo "run.sh: $DLL not found: skipping MixLab, timing the Python side only" >&2
  elif ! dotnet "$DLL" "$MIX_VERB" --help >/dev/null 2>&1; then
    echo "run.sh: 'mixlab $MIX_VERB' is not in $DLL yet ($(dotnet "$DLL" "$MIX_VERB" --help 2>&1 | head -1)):" \
         "skipping MixLab, timing the Python side only" >&2
  else
    MIXLAB_OK=1
  fi
fi

# --- Data ----------------------------------------------------------------------------------------------
if [ ! -f "$BC_DATA" ]; then
  echo "run.sh: data file not found: $BC_DATA (relative to $ROOT)" >&2
  exit 2
fi
BC_FEATURES=$(head -1 "$BC_DATA" | tr -d '\r' | cut -d, -f1-10)
SYN_FEATURES=$(seq -s, -f 'x%g' 1 50)
for n in 5000 50000; do
  f="$OUT/synthetic_$n.csv"
  if [ ! -f "$f" ]; then
    "$PY" "$BENCH/make_synthetic.py" "$f" --rows "$n" --features 50 --seed 20260101
  fi
done

# case -> data|target|features|epsilons|python extra options
case_spec() {
  case "$1" in
    breast_cancer)   echo "$BC_DATA|benign|$BC_FEATURES|1e-3,1e-2|" ;;
    synthetic_5000)  echo "$OUT/synthetic_5000.csv|y|$SYN_FEATURES|1e-3|${PY_MAX_POINTS_5K:+--max-points $PY_MAX_POINTS_5K}" ;;
    synthetic_50000) echo "$OUT/synthetic_50000.csv|y|$SYN_FEATURES|1e-3|${PY_MAX_POINTS_50K:+--max-points $PY_MAX_POINTS_50K}" ;;
    *) echo "run.sh: unknown case $1" >&2; exit 2 ;;
  esac
}

for c in $CASES; do
  IFS='|' read -r DATA TARGET FEATURES EPS PYEXTRA <<< "$(case_spec "$c")"
  D="$OUT/$c"
  mkdir -p "$D"

  # --- (a) MixLab ---------------------------------------------------------------------------------------
  if [ "$MIXLAB_OK" = "1" ]; then
    rm -f "$D/mixlab.wall" "$D/mixlab.failed"
    rm -rf "$D/mixlab"
    echo "== [$c] MixLab: dotnet $DLL $MIX_VERB $DATA $MIX_OPT_TARGET $TARGET $MIX_OPT_EPSILON $EPS ..." >&2
    TIMEOUT_CMD=()
    [ -n "${MIXLAB_TIMEOUT:-}" ] && TIMEOUT_CMD=(timeout "$MIXLAB_TIMEOUT")
    TIME_CMD=()
    [ -x /usr/bin/time ] && TIME_CMD=(/usr/bin/time -f "%U %S" -o "$D/mixlab.cpu")
    rm -f "$D/mixlab.cpu"
    cut -d' ' -f1 /proc/loadavg > "$D/mixlab.load"
    t0=$(now)
    rc=0
    "${TIMEOUT_CMD[@]}" "${TIME_CMD[@]}" dotnet "$DLL" "$MIX_VERB" "$DATA" "$MIX_OPT_TARGET" "$TARGET" "$MIX_OPT_EPSILON" "$EPS" \
         "$MIX_OPT_LAMBDA" "$LAMBDA" "$MIX_OPT_STANDARDIZE" "$MIX_OPT_FEATURES" "$FEATURES" \
         "$MIX_OPT_OUT" "$D/mixlab" "${MIX_EXTRA_OPTS[@]}" > "$D/mixlab.log" 2>&1 || rc=$?
    t1=$(now)
    echo "$(cat "$D/mixlab.load") $(cut -d' ' -f1 /proc/loadavg)" > "$D/mixlab.load"
    if [ "$rc" = "0" ]; then
      elapsed "$t0" "$t1" > "$D/mixlab.wall"
      echo "MixLab wall $(cat "$D/mixlab.wall") s" >&2
    elif [ "$rc" = "124" ] && [ -n "${MIXLAB_TIMEOUT:-}" ]; then
      echo "timed out after $(elapsed "$t0" "$t1") s" > "$D/mixlab.failed"
      echo "run.sh: [$c] MixLab $(cat "$D/mixlab.failed") (log: $D/mixlab.log)" >&2
    else
      tail -5 "$D/mixlab.log" >&2
      echo "failed (exit $rc)" > "$D/mixlab.failed"
      echo "run.sh: [$c] MixLab failed, exit $rc (log: $D/mixlab.log)" >&2
    fi
  elif [ "${SKIP_MIXLAB:-0}" != "1" ]; then
    rm -f "$D/mixlab.wall" "$D/mixlab.failed"
    rm -rf "$D/mixlab"
  fi

  # --- (b) Python reference -----------------------------------------------------------------------------
  if [ "${SKIP_PYTHON:-0}" != "1" ]; then
    rm -f "$D/reference.wall"
    echo "== [$c] Python: $PY $BENCH/reference.py $DATA --target $TARGET --epsilon $EPS --lambda $LAMBDA" \
         "--standardize --features ... $PYEXTRA" >&2
    t0=$(now)
    # shellcheck disable=SC2086
    if "$PY" "$BENCH/reference.py" "$DATA" --target "$TARGET" --epsilon "$EPS" --lambda "$LAMBDA" --standardize \
         --features "$FEATURES" --out "$D/reference_ranges.csv" --summary "$D/reference_summary.json" \
         --progress 1000 $PYEXTRA > "$D/reference.log" 2>&1; then
      t1=$(now)
      elapsed "$t0" "$t1" > "$D/reference.wall"
      echo "Python wall $(cat "$D/reference.wall") s" >&2
    else
      tail -5 "$D/reference.log" >&2
      echo "run.sh: [$c] reference.py failed (log: $D/reference.log)" >&2
    fi
  fi
done

# --- Comparison table ---------------------------------------------------------------------------------
"$PY" - "$OUT" "$MIX_RANGES_FILE" $CASES <<'EOF'
import csv, json, math, os, platform, sys

out, ranges_name, cases = sys.argv[1], sys.argv[2], sys.argv[3:]

def read_text(path):
    try:
        with open(path) as fh:
            return fh.read().strip()
    except OSError:
        return None

def num(x):
    try:
        v = float(x)
        return v if math.isfinite(v) else None
    except (TypeError, ValueError):
        return None

def load_json(path):
    try:
        with open(path) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}

def find_mixlab_ranges(d):
    base = os.path.join(d, "mixlab")
    if os.path.isfile(base):
        return base
    cand = os.path.join(base, ranges_name)
    if os.path.isfile(cand):
        return cand
    for root, _, files in os.walk(base):
        for f in sorted(files):
            if f.endswith(".csv") and "range" in f.lower():
                return os.path.join(root, f)
    return None

def pick(header, want):
    """Column index for `want` (prediction/min/max): exact name, else the first column starting with it."""
    low = [h.strip().lower() for h in header]
    aliases = {"prediction": ("prediction", "h0", "baseline", "pred"), "min": ("min", "lo", "lower"),
               "max": ("max", "hi", "upper")}[want]
    for a in aliases:
        if a in low:
            return low.index(a)
    for a in aliases:
        for i, h in enumerate(low):
            if h.startswith(a):
                return i
    return None

def read_ranges(path, first_eps=None):
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], [r for r in rows[1:] if r]
    low = [h.strip().lower() for h in header]
    if "epsilon" in low and first_eps is not None:  # long format: keep the first epsilon
        j = low.index("epsilon")
        body = [r for r in body if num(r[j]) is not None and abs(num(r[j]) - first_eps) <= 1e-12 * first_eps]
    cols = {k: pick(header, k) for k in ("prediction", "min", "max")}
    res = {k: ([num(r[i]) for r in body] if i is not None else None) for k, i in cols.items()}
    return res, len(body)

def maxdiff(a, b, k):
    if a is None or b is None:
        return None
    diffs = [abs(x - y) for x, y in zip(a[:k], b[:k]) if x is not None and y is not None]
    return max(diffs) if diffs else None

def g(x, fmt=".3f"):
    return "n/a" if x is None else format(x, fmt)

print()
print("## Viable prediction ranges: `mixlab multiplicity` vs NumPy/SciPy reference (Lagrangian path, lambda 0)")
print()
print(f"Machine: {platform.machine()}, {os.cpu_count()} cores; wall seconds of the whole command "
      "(process start to exit). Agreement: first epsilon, over the rows both sides computed.")
print()
print("| case | rows x features | epsilon(s) | MixLab wall s | MixLab CPU s (user+sys) | load avg before/after "
      "| Python wall s | python / mixlab | rows compared | max abs diff min | max abs diff max | max abs diff prediction |")
print("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
notes = []
for c in cases:
    d = os.path.join(out, c)
    summ = load_json(os.path.join(d, "reference_summary.json"))
    mw = num(read_text(os.path.join(d, "mixlab.wall")))
    pw = num(read_text(os.path.join(d, "reference.wall")))
    eps = [e.get("epsilon") for e in summ.get("epsilons", [])]
    py_label = g(pw)
    pw_cmp = pw
    ex = summ.get("extrapolation")
    if ex and pw is not None:
        vpr = summ["wall_seconds"]["vpr"]
        pw_cmp = pw - vpr + ex["vpr_seconds_extrapolated"]
        py_label = f"{pw_cmp:.0f} (EXTRAPOLATED from {ex['points_timed']} of {ex['points_total']} rows; measured {pw:.1f})"
    ratio = (pw_cmp / mw) if (mw and pw_cmp) else None
    if os.path.exists(os.path.join(d, "mixlab.failed")):
        mix_label = read_text(os.path.join(d, "mixlab.failed")) or "failed"
    elif mw is None:
        mix_label = "skipped"
    else:
        mix_label = g(mw)
    n_cmp, dmin, dmax, dpred = None, None, None, None
    mpath = find_mixlab_ranges(d) if mw is not None else None
    ppath = os.path.join(d, "reference_ranges.csv")
    if mpath and os.path.isfile(ppath):
        try:
            m, mn = read_ranges(mpath, eps[0] if eps else None)
            p, pn = read_ranges(ppath)
            n_cmp = min(mn, pn)
            dmin, dmax = maxdiff(m["min"], p["min"], n_cmp), maxdiff(m["max"], p["max"], n_cmp)
            dpred = maxdiff(m["prediction"], p["prediction"], n_cmp)
            if mn != summ.get("n") and not ex:
                notes.append(f"{c}: MixLab ranges has {mn} rows, data {summ.get('n')}")
        except Exception as exc:  # keep the table going
            notes.append(f"{c}: could not compare ranges ({exc})")
    elif mw is not None:
        notes.append(f"{c}: MixLab ranges file not found under {os.path.join(d, 'mixlab')}")
    shape = f"{summ.get('n', '?')} x {summ.get('d', '?')}"
    cpu_text = read_text(os.path.join(d, "mixlab.cpu")) if mw is not None else None
    try:
        cpu_label = f"{sum(float(v) for v in cpu_text.split()[-2:]):.1f}" if cpu_text else "n/a"
    except ValueError:
        cpu_label = "n/a"
    load_label = (read_text(os.path.join(d, "mixlab.load")) or "n/a").replace(" ", " / ") if mw is not None else "n/a"
    print(f"| {c} | {shape} | {','.join(f'{e:g}' for e in eps) or 'n/a'} | {mix_label} | {cpu_label} | {load_label} | {py_label} "
          f"| {g(ratio, '.1f')} | {n_cmp if n_cmp is not None else 'n/a'} | {g(dmin, '.2e')} | {g(dmax, '.2e')} "
          f"| {g(dpred, '.2e')} |")
print()
for n in notes:
    print(f"- {n}")
if notes:
    print()

print("Python reference values (all rows it computed):")
print()
print("| case | L0 | accuracy | epsilon | mean width | median width | max width | ambiguity (delta 0.1) "
      "| Hessians / point | Python VPR phase s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for c in cases:
    summ = load_json(os.path.join(out, c, "reference_summary.json"))
    for e in summ.get("epsilons", []):
        print(f"| {c} | {summ['L0']:.8f} | {summ['accuracy']:.4f} | {e['epsilon']:g} | {e['mean_width']:.5f} "
              f"| {e['median_width']:.5f} | {e['max_width']:.5f} | {e['ambiguity_delta_0.1']:.4f} "
              f"| {summ.get('hessian_evaluations_per_unique_point', float('nan')):.1f} "
              f"| {summ['wall_seconds']['vpr']:.2f} |")
print()
print("Spec check 4 (breast cancer, lambda 0): L0 0.12840986, accuracy 0.9490; eps 1e-3: mean width 0.05438, "
      "median 0.00763, max 0.70141, ambiguity 0.1301; eps 1e-2: 0.17798, 0.05243, 0.99780, 0.3585.")
EOF
