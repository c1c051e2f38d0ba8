#!/usr/bin/env bash
# Side-by-side speed benchmark: MixLab vs a NumPy/SciPy reference of the Chinchilla / Epoch protocol
# (laws.md section 3; checks V2, V3, V5): 4,500-start Huber fit, Huber-likelihood MLE, bootstrap.
#
# Usage (from anywhere):   bash bench/chinchilla/run.sh [DATA.csv]
#   DATA       CSV path relative to the repo root (default ../shared/data/epoch_chinchilla_svg_extracted_data.csv)
# Environment:
#   OUT=dir          output folder, relative to the repo root (default bench/chinchilla/out)
#   BOOTSTRAP=4000   bootstrap resamples for both sides
#   SEED=42          bootstrap seed for both sides
#   REBUILD=1        rebuild MixLab in Release even if the dll exists
#   SKIP_MIXLAB=1 / SKIP_PYTHON=1   reuse the results already in $OUT for that side
#
# Prints a markdown table: wall seconds of each side, the ratio python/mixlab, and per-parameter
# agreement (estimate, SE, 95% CI) with the number of matching significant figures.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

DATA="${1:-../shared/data/epoch_chinchilla_svg_extracted_data.csv}"
OUT="${OUT:-bench/chinchilla/out}"
BOOTSTRAP="${BOOTSTRAP:-4000}"
SEED="${SEED:-42}"
PY=/usr/bin/python3
DLL=src/MixLab.Cli/bin/Release/net10.0/mixlab.dll

if [ ! -f "$DATA" ]; then
  echo "run.sh: data file not found: $DATA (relative to $ROOT)" >&2
  exit 2
fi
mkdir -p "$OUT/mixlab"

# --- Debian Python with NumPy and SciPy (not the pyenv python) ---------------------------------------
if ! "$PY" -c 'import numpy, scipy' >/dev/null 2>&1; then
  echo "installing python3-numpy python3-scipy libopenblas0-pthread ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends python3 python3-numpy python3-scipy libopenblas0-pthread >&2
fi

now() { date +%s.%N; }
elapsed() { "$PY" -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }

# --- (a) MixLab -------------------------------------------------------------------------------------
MIXLAB_WALL=""
if [ "${SKIP_MIXLAB:-0}" != "1" ]; then
  if [ "${REBUILD:-0}" = "1" ] || [ ! -f "$DLL" ]; then
    echo "building MixLab (Release) ..." >&2
    dotnet build MixLab.sln -c Release >&2 || { echo "run.sh: dotnet build MixLab.sln -c Release failed" >&2; exit 3; }
  fi
  if [ ! -f "$DLL" ]; then
    echo "run.sh: $DLL not found after the build" >&2
    exit 3
  fi
  echo "== MixLab: dotnet $DLL fit ... --bootstrap $BOOTSTRAP --seed $SEED" >&2
  t0=$(now)
  dotnet "$DLL" fit "$DATA" --law chinchilla --estimator mle \
    --map "params=Model Size" --map "flops=Training FLOP" \
    --drop-highest-loss 5 --bootstrap "$BOOTSTRAP" --seed "$SEED" \
    --out "$OUT/mixlab" > "$OUT/mixlab.log" 2>&1 || { cat "$OUT/mixlab.log" >&2; echo "run.sh: MixLab failed" >&2; exit 4; }
  t1=$(now)
  MIXLAB_WALL=$(elapsed "$t0" "$t1")
  echo "$MIXLAB_WALL" > "$OUT/mixlab.wall"
  echo "MixLab wall ${MIXLAB_WALL} s" >&2
elif [ -f "$OUT/mixlab.wall" ]; then
  MIXLAB_WALL=$(cat "$OUT/mixlab.wall")
fi

# --- (b) Python reference ---------------------------------------------------------------------------
PY_WALL=""
if [ "${SKIP_PYTHON:-0}" != "1" ]; then
  echo "== Python: $PY bench/chinchilla/reference.py $DATA --bootstrap $BOOTSTRAP --seed $SEED" >&2
  t0=$(now)
  "$PY" bench/chinchilla/reference.py "$DATA" --bootstrap "$BOOTSTRAP" --seed "$SEED" \
    --out "$OUT/reference.json" > "$OUT/reference.log" 2>&1 || { cat "$OUT/reference.log" >&2; echo "run.sh: reference.py failed" >&2; exit 5; }
  t1=$(now)
  PY_WALL=$(elapsed "$t0" "$t1")
  echo "$PY_WALL" > "$OUT/reference.wall"
  echo "Python wall ${PY_WALL} s" >&2
elif [ -f "$OUT/reference.wall" ]; then
  PY_WALL=$(cat "$OUT/reference.wall")
fi

# --- Comparison table ---------------------------------------------------------------------------------
"$PY" - "$OUT/mixlab/fit.json" "$OUT/reference.json" "$MIXLAB_WALL" "$PY_WALL" "$BOOTSTRAP" <<'EOF'
import json, math, os, platform, sys

mix_path, ref_path, mix_wall, py_wall, n_boot = sys.argv[1:6]

def load(path):
    try:
        with open(path) as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        print(f"> could not read {path}: {exc}")
        return {}

mix = load(mix_path)
ref = load(ref_path)

def num(x):
    try:
        v = float(x)
        return v if math.isfinite(v) else None
    except (TypeError, ValueError):
        return None

def get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d

def round_sig(x, k):
    if x == 0:
        return 0.0
    return round(x, k - 1 - int(math.floor(math.log10(abs(x)))))

def sig_figs(x, y, max_k=15):
    """Largest k such that x and y agree when both are rounded to 1, 2, ..., k significant figures."""
    if x is None or y is None:
        return None
    if x == y:
        return max_k
    k = 0
    while k < max_k and round_sig(x, k + 1) == round_sig(y, k + 1):
        k += 1
    return k

def g(x, p=6):
    return "n/a" if x is None else f"{x:.{p}g}"

def s(k):
    return "n/a" if k is None else str(k)

mw, pw = num(mix_wall), num(py_wall)
ratio = (pw / mw) if (mw and pw) else None

print()
print(f"## Chinchilla / Epoch fit: MixLab vs NumPy/SciPy reference ({n_boot} bootstrap resamples)")
print()
print(f"Machine: {platform.machine()}, {os.cpu_count()} cores; wall seconds of the whole command "
      "(process start to exit).")
print()
print("| implementation | wall s | python / mixlab |")
print("|---|---:|---:|")
print(f"| MixLab (`dotnet mixlab.dll fit`) | {g(mw, 5)} | |")
print(f"| Python reference (`/usr/bin/python3 reference.py`) | {g(pw, 5)} | {g(ratio, 4)} |")
print()

phases = ref.get("wall_seconds") or {}
if phases:
    print("Python phases (s): " + ", ".join(f"{k} {v:.2f}" for k, v in phases.items()))
    print()
mix_t = mix.get("wall_seconds") or mix.get("timings") or mix.get("timing")
if isinstance(mix_t, dict) and mix_t:
    print("MixLab phases (s): " + ", ".join(f"{k} {v}" for k, v in mix_t.items()))
    print()

print("| parameter | MixLab estimate | Python estimate | sig figs | MixLab SE | Python SE | sig figs "
      "| MixLab 95% CI | Python 95% CI | sig figs (lo, hi) |")
print("|---|---:|---:|---:|---:|---:|---:|---|---|---|")
for name in ("E", "A", "B", "alpha", "beta"):
    me = num(get(mix, "parameters", name, "estimate"))
    pe = num(get(ref, "parameters", name, "estimate"))
    ms = num(get(mix, "parameters", name, "se"))
    ps = num(get(ref, "parameters", name, "se"))
    mci = get(mix, "parameters", name, "ci") or [None, None]
    pci = get(ref, "parameters", name, "ci") or [None, None]
    mlo, mhi = (num(v) for v in (list(mci) + [None, None])[:2])
    plo, phi = (num(v) for v in (list(pci) + [None, None])[:2])
    print(f"| {name} | {g(me, 8)} | {g(pe, 8)} | {s(sig_figs(me, pe))} "
          f"| {g(ms, 5)} | {g(ps, 5)} | {s(sig_figs(ms, ps))} "
          f"| [{g(mlo, 5)}, {g(mhi, 5)}] | [{g(plo, 5)}, {g(phi, 5)}] "
          f"| {s(sig_figs(mlo, plo))}, {s(sig_figs(mhi, phi))} |")
print()
hub = ref.get("huber_fit") or {}
if hub:
    hp = hub.get("parameters", {})
    print(f"Python 4,500-start Huber fit: objective {hub.get('objective'):.11e}; "
          + ", ".join(f"{k} {v:.6g}" for k, v in hp.items()))
mle = ref.get("mle") or {}
if mle:
    print(f"Python MLE: NLL {mle.get('nll'):.6f}, log sigma {mle.get('log_sigma'):.6f}, "
          f"BFGS success {mle.get('success')}")
print()
print("Sig figs: the largest k for which both values agree when rounded to 1..k significant figures. "
      "The bootstrap RNGs differ (MixLab's own vs numpy default_rng), so SEs and CIs agree only "
      "to Monte-Carlo accuracy (about 1-2 figures); estimates should agree closely.")
EOF
