#!/usr/bin/env bash
# Issue 7, experiment 2: CPT at ratios {1/8, 1/4, 1/3, 1/2, 3/4, 1} from a general (legal + literature) pre-training
# run, fed to `mixlab cmr` to predict the CMR at a 3x longer budget, checked by a longer run at the predicted ratio.
# Re-runnable (finished runs are skipped). Outputs in out/exp/cpt/.
# usage: bench/experiments/cpt/run.sh   (env: SHORT=60 LONG=180 EPS=0.02 steps / tolerance)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
HERE="$ROOT/bench/experiments/cpt"
O="$ROOT/out/exp/cpt"
SHORT=${SHORT:-60}; LONG=${LONG:-180}; EPS=${EPS:-0.02}
mkdir -p "$O/cfg"
$MKCFG "$HERE/base.yaml" "$O/cfg/pretrain.yaml"
train "$O/pretrain" "$O/cfg/pretrain.yaml" static 1

# cpt_run NAME R STEPS: a CPT run of STEPS steps at code share R, started from the pre-training checkpoint.
cpt_run() {
  local name=$1 r=$2 steps=$3 out="$O/$1"
  [ -f "$out/summary.json" ] && return 0
  local half; half=$($PY -c "print((1-$r)/2)")
  $MKCFG "$HERE/base.yaml" "$O/cfg/$name.yaml" --static "code=$r,legal=$half,literature=$half" \
    --set training.steps=$steps --set training.lr=1.0e-3 --set training.min_lr=1.0e-3 \
    --set training.warmup_steps=5 --set training.eval_interval=10
  mkdir -p "$out"
  $PY "$HERE/cpt_init.py" "$O/pretrain" "$out" 0 "$r"
  local hash
  hash=$($MIXLAB train "$O/cfg/$name.yaml" --policy static --out "$out" --resume --threads "$THREADS" 2>&1 | grep -o 'this config [0-9a-f]*' | awk '{print $3}' || true)
  [ -n "$hash" ] || { echo "could not read the config hash for $name" >&2; return 1; }
  $PY "$HERE/cpt_init.py" "$O/pretrain" "$out" "$hash" "$r"
  $MIXLAB train "$O/cfg/$name.yaml" --policy static --out "$out" --resume --threads "$THREADS" > "$out/stdout.json" 2> "$out/stderr.log" \
    || { echo "FAILED $name"; tail -3 "$out/stderr.log"; return 1; }
  echo "done $name" >&2
}
export -f cpt_run; export O HERE PY MKCFG

RATIOS="0.125 0.25 0.333333 0.5 0.75 1"
printf "%s\n" $RATIOS | xargs -P "$PAR" -I{} bash -c 'cpt_run short-r{} {} '"$SHORT"
$PY "$HERE/to_cmr.py" "$O" "$O/cpt-short.csv" short
$MIXLAB cmr "$O/cpt-short.csv" --target-domain code --epsilon "$EPS" --target-tokens $((LONG * 16 * 128)) \
  --bootstrap 100 --out "$O/cmr-short" --json > "$O/cmr-short.json" 2> "$O/cmr-short.log" || { cat "$O/cmr-short.log"; exit 1; }
PRED=$($PY -c "import json; print(round(json.load(open('$O/cmr-short.json'))['cmr'], 4))" 2>/dev/null || true)
echo "predicted CMR at $LONG steps: $PRED"
# The check: a longer run at the predicted ratio should end with its general loss about EPS above the pre-CPT loss.
[ -n "$PRED" ] && cpt_run "long-r$PRED" "$PRED" "$LONG"
$PY "$HERE/to_cmr.py" "$O" "$O/cpt-long.csv" long
$PY "$HERE/analyze.py" "$O" "$HERE" "$EPS" "$LONG"
